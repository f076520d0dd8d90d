import PostgresNIO

/// Per-account choices on messages: reactions and poll answers.
extension PostgresTransaction {
    static let choiceColumns = "chat_id, message_id, actor_id, kind, value, date"

    func choice(from row: PostgresCells) throws -> MessageChoiceRecord {
        try MessageChoiceRecord(chatID: row[0], messageID: row[1], actorID: row[2], kind: row[3], value: row[4], date: row[5])
    }

    func choice(chatID: Int64, messageID: Int64, actorID: Int64, kind: String) throws -> MessageChoiceRecord? {
        try row("""
            SELECT \(unescaped: Self.choiceColumns) FROM message_choice
            WHERE chat_id = \(chatID) AND message_id = \(messageID) AND kind = \(kind) AND actor_id = \(actorID)
            """).map(choice(from:))
    }

    func choices(chatID: Int64, messageID: Int64, kind: String) throws -> [MessageChoiceRecord] {
        try rows("""
            SELECT \(unescaped: Self.choiceColumns) FROM message_choice
            WHERE chat_id = \(chatID) AND message_id = \(messageID) AND kind = \(kind) ORDER BY date, actor_id
            """).map(choice(from:))
    }

    func save(_ r: MessageChoiceRecord) throws {
        try run("""
            INSERT INTO message_choice (\(unescaped: Self.choiceColumns))
            VALUES (\(r.chatID), \(r.messageID), \(r.actorID), \(r.kind), \(r.value), \(r.date))
            ON CONFLICT (chat_id, message_id, kind, actor_id) DO UPDATE SET value = excluded.value, date = excluded.date
            """)
    }

    func deleteChoice(chatID: Int64, messageID: Int64, actorID: Int64, kind: String) throws {
        try run("""
            DELETE FROM message_choice
            WHERE chat_id = \(chatID) AND message_id = \(messageID) AND kind = \(kind) AND actor_id = \(actorID)
            """)
    }
}
