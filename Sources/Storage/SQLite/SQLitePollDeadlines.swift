import GRDB

/// Polls that close by themselves (``PollDeadlineRecord``).
extension SQLiteTransaction {
    func earliestPollDeadline() throws -> Int64? {
        let statement = try db.cachedStatement(sql: "SELECT MIN(close_at) FROM poll_deadline")
        return try Int64.fetchOne(statement)
    }

    func pollDeadlines(dueAt now: Int64, limit: Int) throws -> [PollDeadlineRecord] {
        let statement = try db.cachedStatement(
            sql: "SELECT chat_id, message_id, close_at FROM poll_deadline WHERE close_at <= ? ORDER BY close_at LIMIT ?")
        return try Row.fetchAll(statement, arguments: [now, limit]).map { row in
            PollDeadlineRecord(chatID: row[0], messageID: row[1], closeAt: row[2])
        }
    }

    func save(_ record: PollDeadlineRecord) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO poll_deadline (chat_id, message_id, close_at) VALUES (?, ?, ?)")
        try statement.execute(arguments: [record.chatID, record.messageID, record.closeAt])
    }

    func deletePollDeadline(chatID: Int64, messageID: Int64) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM poll_deadline WHERE chat_id = ? AND message_id = ?")
        try statement.execute(arguments: [chatID, messageID])
    }
}

extension SQLiteSchema {
    static let pollDeadlinesSQL = """
        CREATE TABLE poll_deadline (
            chat_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            close_at INTEGER NOT NULL,
            PRIMARY KEY (chat_id, message_id)
        ) WITHOUT ROWID;
        CREATE INDEX poll_deadline_by_time ON poll_deadline (close_at);
        """
}
