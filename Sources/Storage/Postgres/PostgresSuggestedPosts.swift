import PostgresNIO

/// What happens to approved suggested posts later (``SuggestedPostJobRecord``).
extension PostgresTransaction {
    func suggestedPostJobs(dueAt now: Int64, limit: Int) throws -> [SuggestedPostJobRecord] {
        try rows("""
            SELECT chat_id, message_id, kind, due_at FROM suggested_post_job WHERE due_at <= \(now)
            ORDER BY due_at, chat_id, message_id LIMIT \(limit)
            """).compactMap { row in
            guard let kind = SuggestedPostJobRecord.Kind(rawValue: try row[2]) else { return nil }
            return try SuggestedPostJobRecord(chatID: row[0], messageID: row[1], kind: kind, dueAt: row[3])
        }
    }

    func save(_ r: SuggestedPostJobRecord) throws {
        try run("""
            INSERT INTO suggested_post_job (chat_id, message_id, kind, due_at) VALUES (\(r.chatID), \(r.messageID), \(r.kind.rawValue), \(r.dueAt))
            ON CONFLICT (chat_id, message_id, kind) DO UPDATE SET due_at = excluded.due_at
            """)
    }

    func deleteSuggestedPostJob(chatID: Int64, messageID: Int64, kind: SuggestedPostJobRecord.Kind) throws {
        try run("DELETE FROM suggested_post_job WHERE chat_id = \(chatID) AND message_id = \(messageID) AND kind = \(kind.rawValue)")
    }
}
