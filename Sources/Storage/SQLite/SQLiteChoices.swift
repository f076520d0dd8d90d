import GRDB

/// Per-account choices on messages: reactions and poll answers.
extension SQLiteTransaction {
    private static let choiceColumns = "chat_id, message_id, actor_id, kind, value, date"

    private func choice(from row: Row) -> MessageChoiceRecord {
        MessageChoiceRecord(chatID: row[0], messageID: row[1], actorID: row[2], kind: row[3], value: row[4], date: row[5])
    }

    func choice(chatID: Int64, messageID: Int64, actorID: Int64, kind: String) throws -> MessageChoiceRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT \(Self.choiceColumns) FROM message_choice WHERE chat_id = ? AND message_id = ? AND kind = ? AND actor_id = ?")
        return try Row.decodeFirst(statement, arguments: [chatID, messageID, kind, actorID], choice(from:))
    }

    func choices(chatID: Int64, messageID: Int64, kind: String) throws -> [MessageChoiceRecord] {
        let statement = try db.cachedStatement(
            sql: "SELECT \(Self.choiceColumns) FROM message_choice WHERE chat_id = ? AND message_id = ? AND kind = ? ORDER BY date, actor_id")
        return try Row.fetchAll(statement, arguments: [chatID, messageID, kind]).map(choice(from:))
    }

    func save(_ record: MessageChoiceRecord) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO message_choice (\(Self.choiceColumns)) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (chat_id, message_id, kind, actor_id) DO UPDATE SET value = excluded.value, date = excluded.date
                """)
        try statement.execute(arguments: [record.chatID, record.messageID, record.actorID, record.kind, record.value, record.date])
    }

    func deleteChoice(chatID: Int64, messageID: Int64, actorID: Int64, kind: String) throws {
        let statement = try db.cachedStatement(
            sql: "DELETE FROM message_choice WHERE chat_id = ? AND message_id = ? AND kind = ? AND actor_id = ?")
        try statement.execute(arguments: [chatID, messageID, kind, actorID])
    }
}

extension SQLiteSchema {
    /// Reactions and poll answers, one row per account, message and kind.
    static let messageChoicesSQL = """
        CREATE TABLE message_choice (
            chat_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            actor_id INTEGER NOT NULL,
            value BLOB NOT NULL,
            date INTEGER NOT NULL,
            PRIMARY KEY (chat_id, message_id, kind, actor_id)
        ) WITHOUT ROWID;
        """
}
