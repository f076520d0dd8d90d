import PostgresNIO

/// Messages one member of a chat sees (``EphemeralMessageRecord``).
extension PostgresTransaction {
    private static let ephemeralColumns = "chat_id, receiver_id, ephemeral_message_id, sender_id, date, edit_date, content"

    func ephemeralMessage(chatID: Int64, receiverID: Int64, ephemeralMessageID: Int64) throws -> EphemeralMessageRecord? {
        try row("""
            SELECT \(unescaped: Self.ephemeralColumns) FROM ephemeral_message
            WHERE chat_id = \(chatID) AND receiver_id = \(receiverID) AND ephemeral_message_id = \(ephemeralMessageID)
            """).map { row in
            try EphemeralMessageRecord(
                chatID: row[0], receiverID: row[1], ephemeralMessageID: row[2], senderID: row[3], date: row[4], editDate: row[5],
                content: row[6])
        }
    }

    func lastEphemeralMessageID(chatID: Int64, receiverID: Int64) throws -> Int64 {
        try row("""
            SELECT ephemeral_message_id FROM ephemeral_message_counter WHERE chat_id = \(chatID) AND receiver_id = \(receiverID)
            """).map { try $0[0] } ?? 0
    }

    func insert(_ r: EphemeralMessageRecord) throws {
        try run("""
            INSERT INTO ephemeral_message (\(unescaped: Self.ephemeralColumns))
            VALUES (\(r.chatID), \(r.receiverID), \(r.ephemeralMessageID), \(r.senderID), \(r.date), \(r.editDate), \(r.content))
            """)
        try run("""
            INSERT INTO ephemeral_message_counter (chat_id, receiver_id, ephemeral_message_id)
            VALUES (\(r.chatID), \(r.receiverID), \(r.ephemeralMessageID))
            ON CONFLICT (chat_id, receiver_id) DO UPDATE SET ephemeral_message_id = excluded.ephemeral_message_id
            """)
    }

    func update(_ r: EphemeralMessageRecord) throws {
        try run("""
            UPDATE ephemeral_message SET edit_date = \(r.editDate), content = \(r.content)
            WHERE chat_id = \(r.chatID) AND receiver_id = \(r.receiverID) AND ephemeral_message_id = \(r.ephemeralMessageID)
            """)
    }

    func deleteEphemeralMessage(chatID: Int64, receiverID: Int64, ephemeralMessageID: Int64) throws {
        try run("""
            DELETE FROM ephemeral_message
            WHERE chat_id = \(chatID) AND receiver_id = \(receiverID) AND ephemeral_message_id = \(ephemeralMessageID)
            """)
    }
}
