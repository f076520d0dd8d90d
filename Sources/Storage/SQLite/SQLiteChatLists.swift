import GRDB

/// The chat list and history queries (``ChatListReader``). They read existing tables only;
/// the `chat_member_account` index and the message primary key serve them.
extension SQLiteTransaction: ChatListReader {
    func privateChats(of accountID: Int64) throws -> [ChatRecord] {
        let statement = try db.cachedStatement(
            sql: "SELECT \(Self.chatColumns) FROM chat WHERE kind = 'private' AND (low_account_id = ? OR high_account_id = ?)")
        return try Row.fetchAll(statement, arguments: [accountID, accountID]).map(chat(from:))
    }

    func memberships(of accountID: Int64) throws -> [MemberRecord] {
        let statement = try db.cachedStatement(
            sql: "SELECT chat_id, account_id, status, details, joined_at FROM chat_member WHERE account_id = ?")
        return try Row.fetchAll(statement, arguments: [accountID]).map(member(from:))
    }

    func messages(chatID: Int64, before beforeID: Int64, limit: Int) throws -> [MessageRecord] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT chat_id, message_id, sender_id, date, edit_date, content FROM message
                WHERE chat_id = ? AND message_id < ? ORDER BY message_id DESC LIMIT ?
                """)
        return try Row.fetchAll(statement, arguments: [chatID, beforeID, limit]).map { row in
            MessageRecord(chatID: row[0], messageID: row[1], senderID: row[2], date: row[3], editDate: row[4], content: row[5])
        }
    }

    func unreadCount(chatID: Int64, after afterID: Int64, reader readerID: Int64) throws -> Int {
        let statement = try db.cachedStatement(
            sql: "SELECT COUNT(*) FROM message WHERE chat_id = ? AND message_id > ? AND sender_id != ?")
        return try Int.fetchOne(statement, arguments: [chatID, afterID, readerID]) ?? 0
    }
}
