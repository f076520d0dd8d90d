import GRDB

/// Messages one member of a chat sees (``EphemeralMessageRecord``).
extension SQLiteTransaction {
    private static let ephemeralColumns = "chat_id, receiver_id, ephemeral_message_id, sender_id, date, edit_date, content"

    func ephemeralMessage(chatID: Int64, receiverID: Int64, ephemeralMessageID: Int64) throws -> EphemeralMessageRecord? {
        let statement = try db.cachedStatement(sql: """
            SELECT \(Self.ephemeralColumns) FROM ephemeral_message
            WHERE chat_id = ? AND receiver_id = ? AND ephemeral_message_id = ?
            """)
        return try Row.decodeFirst(statement, arguments: [chatID, receiverID, ephemeralMessageID]) { row in
            EphemeralMessageRecord(
                chatID: row[0], receiverID: row[1], ephemeralMessageID: row[2], senderID: row[3], date: row[4], editDate: row[5],
                content: row[6])
        }
    }

    func lastEphemeralMessageID(chatID: Int64, receiverID: Int64) throws -> Int64 {
        let statement = try db.cachedStatement(
            sql: "SELECT ephemeral_message_id FROM ephemeral_message_counter WHERE chat_id = ? AND receiver_id = ?")
        return try Int64.fetchOne(statement, arguments: [chatID, receiverID]) ?? 0
    }

    func insert(_ r: EphemeralMessageRecord) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO ephemeral_message (\(Self.ephemeralColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)")
        try statement.execute(arguments: [r.chatID, r.receiverID, r.ephemeralMessageID, r.senderID, r.date, r.editDate, r.content])
        let counter = try db.cachedStatement(sql: """
            INSERT INTO ephemeral_message_counter (chat_id, receiver_id, ephemeral_message_id) VALUES (?, ?, ?)
            ON CONFLICT (chat_id, receiver_id) DO UPDATE SET ephemeral_message_id = excluded.ephemeral_message_id
            """)
        try counter.execute(arguments: [r.chatID, r.receiverID, r.ephemeralMessageID])
    }

    func update(_ r: EphemeralMessageRecord) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE ephemeral_message SET edit_date = ?, content = ?
            WHERE chat_id = ? AND receiver_id = ? AND ephemeral_message_id = ?
            """)
        try statement.execute(arguments: [r.editDate, r.content, r.chatID, r.receiverID, r.ephemeralMessageID])
    }

    func deleteEphemeralMessage(chatID: Int64, receiverID: Int64, ephemeralMessageID: Int64) throws {
        let statement = try db.cachedStatement(
            sql: "DELETE FROM ephemeral_message WHERE chat_id = ? AND receiver_id = ? AND ephemeral_message_id = ?")
        try statement.execute(arguments: [chatID, receiverID, ephemeralMessageID])
    }
}

extension SQLiteSchema {
    /// The messages, and per chat and receiver the last id given, so that an id is never
    /// reused after its message is deleted.
    static let ephemeralMessagesSQL = """
        CREATE TABLE ephemeral_message (
            chat_id INTEGER NOT NULL,
            receiver_id INTEGER NOT NULL,
            ephemeral_message_id INTEGER NOT NULL,
            sender_id INTEGER NOT NULL,
            date INTEGER NOT NULL,
            edit_date INTEGER,
            content BLOB NOT NULL,
            PRIMARY KEY (chat_id, receiver_id, ephemeral_message_id)
        );
        CREATE TABLE ephemeral_message_counter (
            chat_id INTEGER NOT NULL,
            receiver_id INTEGER NOT NULL,
            ephemeral_message_id INTEGER NOT NULL,
            PRIMARY KEY (chat_id, receiver_id)
        );
        """
}
