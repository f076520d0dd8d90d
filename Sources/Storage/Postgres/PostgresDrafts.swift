import PostgresNIO

/// Message drafts bots stream to users.
extension PostgresTransaction {
    private static let draftColumns = "chat_id, draft_id, bot_id, thread_id, can_stop, keep_on_stop, stopped, expires_at"

    private func draft(from row: PostgresCells) throws -> MessageDraftRecord {
        try MessageDraftRecord(
            chatID: row[0], draftID: row[1], botID: row[2], threadID: row[3], canStop: row[4], keepOnStop: row[5], stopped: row[6],
            expiresAt: row[7])
    }

    func messageDraft(chatID: Int64, draftID: Int64) throws -> MessageDraftRecord? {
        try row("SELECT \(unescaped: Self.draftColumns) FROM message_draft WHERE chat_id = \(chatID) AND draft_id = \(draftID)")
            .map(draft(from:))
    }

    func messageDrafts(chatID: Int64) throws -> [MessageDraftRecord] {
        try rows("SELECT \(unescaped: Self.draftColumns) FROM message_draft WHERE chat_id = \(chatID) ORDER BY draft_id").map(draft(from:))
    }

    func save(_ r: MessageDraftRecord) throws {
        try run("""
            INSERT INTO message_draft (\(unescaped: Self.draftColumns))
            VALUES (\(r.chatID), \(r.draftID), \(r.botID), \(r.threadID), \(r.canStop), \(r.keepOnStop), \(r.stopped), \(r.expiresAt))
            ON CONFLICT (chat_id, draft_id) DO UPDATE SET bot_id = excluded.bot_id, thread_id = excluded.thread_id,
                can_stop = excluded.can_stop, keep_on_stop = excluded.keep_on_stop, stopped = excluded.stopped,
                expires_at = excluded.expires_at
            """)
    }

    func deleteMessageDraft(chatID: Int64, draftID: Int64) throws {
        try run("DELETE FROM message_draft WHERE chat_id = \(chatID) AND draft_id = \(draftID)")
    }

    func deleteMessageDrafts(chatID: Int64) throws {
        try run("DELETE FROM message_draft WHERE chat_id = \(chatID)")
    }
}
