import PostgresNIO

/// Files made from stored files, and what was read from them (``FileDerivativeRole``,
/// ``FileMediaRecord``), and polls that close by themselves (``PollDeadlineRecord``).
extension PostgresTransaction {
    func derivatives(of sourceID: Int64, role: FileDerivativeRole) throws -> [Int64] {
        try rows("SELECT file_id FROM file_derivative WHERE source_id = \(sourceID) AND role = \(role.rawValue) ORDER BY position")
            .map { row in try row[0] }
    }

    func derivativeSource(of fileID: Int64, role: FileDerivativeRole) throws -> Int64? {
        try value("""
            SELECT source_id FROM file_derivative WHERE file_id = \(fileID) AND role = \(role.rawValue) ORDER BY source_id LIMIT 1
            """)
    }

    func fileMedia(fileID: Int64) throws -> FileMediaRecord? {
        try row("SELECT file_id, duration, width, height, title, performer FROM file_media WHERE file_id = \(fileID)").map { row in
            try FileMediaRecord(fileID: row[0], duration: row[1], width: row[2], height: row[3], title: row[4], performer: row[5])
        }
    }

    func setDerivatives(_ fileIDs: [Int64], of sourceID: Int64, role: FileDerivativeRole) throws {
        try run("DELETE FROM file_derivative WHERE source_id = \(sourceID) AND role = \(role.rawValue)")
        for (position, fileID) in fileIDs.enumerated() {
            try run("""
                INSERT INTO file_derivative (source_id, role, position, file_id) VALUES (\(sourceID), \(role.rawValue), \(position), \(fileID))
                """)
        }
    }

    func save(_ r: FileMediaRecord) throws {
        try run("""
            INSERT INTO file_media (file_id, duration, width, height, title, performer)
            VALUES (\(r.fileID), \(r.duration), \(r.width), \(r.height), \(r.title), \(r.performer))
            ON CONFLICT (file_id) DO UPDATE SET duration = excluded.duration, width = excluded.width, height = excluded.height,
                title = excluded.title, performer = excluded.performer
            """)
    }

    // MARK: Poll deadlines

    func earliestPollDeadline() throws -> Int64? {
        try value("SELECT MIN(close_at) FROM poll_deadline")
    }

    func pollDeadlines(dueAt now: Int64, limit: Int) throws -> [PollDeadlineRecord] {
        // Ties in the order SQLite's index gives them (by key).
        try rows("""
            SELECT chat_id, message_id, close_at FROM poll_deadline WHERE close_at <= \(now)
            ORDER BY close_at, chat_id, message_id LIMIT \(limit)
            """).map { row in
            try PollDeadlineRecord(chatID: row[0], messageID: row[1], closeAt: row[2])
        }
    }

    func save(_ r: PollDeadlineRecord) throws {
        try run("""
            INSERT INTO poll_deadline (chat_id, message_id, close_at) VALUES (\(r.chatID), \(r.messageID), \(r.closeAt))
            ON CONFLICT (chat_id, message_id) DO UPDATE SET close_at = excluded.close_at
            """)
    }

    func deletePollDeadline(chatID: Int64, messageID: Int64) throws {
        try run("DELETE FROM poll_deadline WHERE chat_id = \(chatID) AND message_id = \(messageID)")
    }
}
