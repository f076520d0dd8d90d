import PostgresNIO

/// The chat list and history queries (``ChatListReader``). Rows come in the order SQLite's
/// plans give them (by id, by chat), so both stores list chats alike.
extension PostgresTransaction: ChatListReader {
    func privateChats(of accountID: Int64) throws -> [ChatRecord] {
        try rows("""
            SELECT \(unescaped: Self.chatColumns) FROM chat
            WHERE kind = 'private' AND (low_account_id = \(accountID) OR high_account_id = \(accountID)) ORDER BY id
            """).map(chat(from:))
    }

    func memberships(of accountID: Int64) throws -> [MemberRecord] {
        try rows("""
            SELECT chat_id, account_id, status, details, joined_at FROM chat_member WHERE account_id = \(accountID) ORDER BY chat_id
            """).map(member(from:))
    }

    func messages(chatID: Int64, before beforeID: Int64, limit: Int) throws -> [MessageRecord] {
        try rows("""
            SELECT \(unescaped: Self.messageColumns) FROM message
            WHERE chat_id = \(chatID) AND message_id < \(beforeID) ORDER BY message_id DESC LIMIT \(limit)
            """).map(message(from:))
    }

    func unreadCount(chatID: Int64, after afterID: Int64, reader readerID: Int64) throws -> Int {
        try value("""
            SELECT COUNT(*) FROM message WHERE chat_id = \(chatID) AND message_id > \(afterID) AND sender_id <> \(readerID)
            """) ?? 0
    }
}
