import GRDB

/// What happens to approved suggested posts later (``SuggestedPostJobRecord``).
extension SQLiteTransaction {
    func suggestedPostJobs(dueAt now: Int64, limit: Int) throws -> [SuggestedPostJobRecord] {
        let statement = try db.cachedStatement(sql: """
            SELECT chat_id, message_id, kind, due_at FROM suggested_post_job WHERE due_at <= ? ORDER BY due_at, chat_id, message_id LIMIT ?
            """)
        return try Row.fetchAll(statement, arguments: [now, limit]).compactMap { row in
            guard let kind = SuggestedPostJobRecord.Kind(rawValue: row[2]) else { return nil }
            return SuggestedPostJobRecord(chatID: row[0], messageID: row[1], kind: kind, dueAt: row[3])
        }
    }

    func save(_ r: SuggestedPostJobRecord) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO suggested_post_job (chat_id, message_id, kind, due_at) VALUES (?, ?, ?, ?)")
        try statement.execute(arguments: [r.chatID, r.messageID, r.kind.rawValue, r.dueAt])
    }

    func deleteSuggestedPostJob(chatID: Int64, messageID: Int64, kind: SuggestedPostJobRecord.Kind) throws {
        let statement = try db.cachedStatement(
            sql: "DELETE FROM suggested_post_job WHERE chat_id = ? AND message_id = ? AND kind = ?")
        try statement.execute(arguments: [chatID, messageID, kind.rawValue])
    }
}

extension SQLiteSchema {
    static let suggestedPostJobsSQL = """
        CREATE TABLE suggested_post_job (
            chat_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            PRIMARY KEY (chat_id, message_id, kind)
        ) WITHOUT ROWID;
        CREATE INDEX suggested_post_job_by_time ON suggested_post_job (due_at);
        """
}
