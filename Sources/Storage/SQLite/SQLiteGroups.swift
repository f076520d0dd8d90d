import GRDB

/// Groups, supergroups, channels and their members.
extension SQLiteTransaction {
    func chat(id: Int64) throws -> ChatRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.chatColumns) FROM chat WHERE id = ?")
        return try Row.decodeFirst(statement, arguments: [id], chat(from:))
    }

    func group(chatID: Int64) throws -> GroupRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT chat_id, title, username, is_forum, details FROM group_chat WHERE chat_id = ?")
        return try Row.decodeFirst(statement, arguments: [chatID], group(from:))
    }

    func group(username: String) throws -> GroupRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT chat_id, title, username, is_forum, details FROM group_chat WHERE username_key = ?")
        return try Row.decodeFirst(statement, arguments: [username.lowercased()], group(from:))
    }

    private func group(from row: Row) -> GroupRecord {
        GroupRecord(chatID: row[0], title: row[1], username: row[2], isForum: row[3], details: row[4])
    }

    func save(_ record: GroupRecord) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO group_chat (chat_id, title, username, username_key, is_forum, details) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title, username = excluded.username,
                    username_key = excluded.username_key, is_forum = excluded.is_forum, details = excluded.details
                """)
        try statement.execute(arguments: [
            record.chatID, record.title, record.username, record.username?.lowercased(), record.isForum, record.details,
        ])
    }

    func member(chatID: Int64, accountID: Int64) throws -> MemberRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT chat_id, account_id, status, details, joined_at FROM chat_member WHERE chat_id = ? AND account_id = ?")
        return try Row.decodeFirst(statement, arguments: [chatID, accountID], member(from:))
    }

    func members(chatID: Int64) throws -> [MemberRecord] {
        let statement = try db.cachedStatement(
            sql: "SELECT chat_id, account_id, status, details, joined_at FROM chat_member WHERE chat_id = ? ORDER BY joined_at, account_id")
        return try Row.fetchAll(statement, arguments: [chatID]).map(member(from:))
    }

    /// A row of `chat_id, account_id, status, details, joined_at`.
    func member(from row: Row) throws -> MemberRecord {
        try MemberRecord(chatID: row[0], accountID: row[1], status: MemberStatus(stored: row[2]), details: row[3], joinedAt: row[4])
    }

    func save(_ record: MemberRecord) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO chat_member (chat_id, account_id, status, details, joined_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (chat_id, account_id) DO UPDATE SET status = excluded.status, details = excluded.details,
                    joined_at = excluded.joined_at
                """)
        try statement.execute(arguments: [record.chatID, record.accountID, record.status.rawValue, record.details, record.joinedAt])
    }
}

extension SQLiteSchema {
    /// Group chats live beside the `chat` table rather than in it, so private chats (the hot
    /// path) keep their narrow rows.
    static let groupChatsSQL = """
        CREATE TABLE group_chat (
            chat_id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            username TEXT,
            username_key TEXT UNIQUE,
            is_forum INTEGER NOT NULL DEFAULT 0,
            details BLOB NOT NULL
        );
        CREATE TABLE chat_member (
            chat_id INTEGER NOT NULL,
            account_id INTEGER NOT NULL,
            status TEXT NOT NULL,
            details BLOB NOT NULL,
            joined_at INTEGER NOT NULL,
            PRIMARY KEY (chat_id, account_id)
        ) WITHOUT ROWID;
        CREATE INDEX chat_member_account ON chat_member(account_id);
        """
}
