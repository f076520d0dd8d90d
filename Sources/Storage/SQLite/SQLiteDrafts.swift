import Foundation
import GRDB

/// Message drafts bots stream to users.
extension SQLiteTransaction {
    private static let draftColumns = "chat_id, draft_id, bot_id, thread_id, can_stop, keep_on_stop, stopped, expires_at"

    private func draft(from row: Row) -> MessageDraftRecord {
        MessageDraftRecord(
            chatID: row[0], draftID: row[1], botID: row[2], threadID: row[3], canStop: row[4], keepOnStop: row[5], stopped: row[6],
            expiresAt: row[7])
    }

    func messageDraft(chatID: Int64, draftID: Int64) throws -> MessageDraftRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.draftColumns) FROM message_draft WHERE chat_id = ? AND draft_id = ?")
        return try Row.decodeFirst(statement, arguments: [chatID, draftID], draft(from:))
    }

    func messageDrafts(chatID: Int64) throws -> [MessageDraftRecord] {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.draftColumns) FROM message_draft WHERE chat_id = ? ORDER BY draft_id")
        return try Row.fetchAll(statement, arguments: [chatID]).map(draft(from:))
    }

    func save(_ r: MessageDraftRecord) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO message_draft (\(Self.draftColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (chat_id, draft_id) DO UPDATE SET bot_id = excluded.bot_id, thread_id = excluded.thread_id,
                    can_stop = excluded.can_stop, keep_on_stop = excluded.keep_on_stop, stopped = excluded.stopped,
                    expires_at = excluded.expires_at
                """)
        try statement.execute(arguments: [
            r.chatID, r.draftID, r.botID, r.threadID, r.canStop, r.keepOnStop, r.stopped, r.expiresAt,
        ])
    }

    func deleteMessageDraft(chatID: Int64, draftID: Int64) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM message_draft WHERE chat_id = ? AND draft_id = ?")
        try statement.execute(arguments: [chatID, draftID])
    }

    func deleteMessageDrafts(chatID: Int64) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM message_draft WHERE chat_id = ?")
        try statement.execute(arguments: [chatID])
    }
}

extension SQLiteSchema {
    static let messageDraftsSQL = """
        CREATE TABLE message_draft (
            chat_id INTEGER NOT NULL,
            draft_id INTEGER NOT NULL,
            bot_id INTEGER NOT NULL,
            thread_id INTEGER,
            can_stop INTEGER NOT NULL,
            keep_on_stop INTEGER NOT NULL,
            stopped INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (chat_id, draft_id)
        ) WITHOUT ROWID;
        """
}
