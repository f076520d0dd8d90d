import PostgresNIO

/// Groups, supergroups, channels and their members.
extension PostgresTransaction {
    func chat(id: Int64) throws -> ChatRecord? {
        try row("SELECT \(unescaped: Self.chatColumns) FROM chat WHERE id = \(id)").map(chat(from:))
    }

    func group(chatID: Int64) throws -> GroupRecord? {
        try row("SELECT chat_id, title, username, is_forum, details FROM group_chat WHERE chat_id = \(chatID)").map(group(from:))
    }

    func group(username: String) throws -> GroupRecord? {
        try row("SELECT chat_id, title, username, is_forum, details FROM group_chat WHERE username_key = \(username.lowercased())")
            .map(group(from:))
    }

    private func group(from row: PostgresCells) throws -> GroupRecord {
        try GroupRecord(chatID: row[0], title: row[1], username: row[2], isForum: row[3], details: row[4])
    }

    func save(_ r: GroupRecord) throws {
        try run("""
            INSERT INTO group_chat (chat_id, title, username, username_key, is_forum, details)
            VALUES (\(r.chatID), \(r.title), \(r.username), \(r.username?.lowercased()), \(r.isForum), \(r.details))
            ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title, username = excluded.username,
                username_key = excluded.username_key, is_forum = excluded.is_forum, details = excluded.details
            """)
    }

    func member(chatID: Int64, accountID: Int64) throws -> MemberRecord? {
        try row("""
            SELECT chat_id, account_id, status, details, joined_at FROM chat_member WHERE chat_id = \(chatID) AND account_id = \(accountID)
            """).map(member(from:))
    }

    func members(chatID: Int64) throws -> [MemberRecord] {
        try rows("""
            SELECT chat_id, account_id, status, details, joined_at FROM chat_member WHERE chat_id = \(chatID)
            ORDER BY joined_at, account_id
            """).map(member(from:))
    }

    func member(from row: PostgresCells) throws -> MemberRecord {
        try MemberRecord(chatID: row[0], accountID: row[1], status: MemberStatus(stored: row[2]), details: row[3], joinedAt: row[4])
    }

    func save(_ r: MemberRecord) throws {
        try run("""
            INSERT INTO chat_member (chat_id, account_id, status, details, joined_at)
            VALUES (\(r.chatID), \(r.accountID), \(r.status.rawValue), \(r.details), \(r.joinedAt))
            ON CONFLICT (chat_id, account_id) DO UPDATE SET status = excluded.status, details = excluded.details,
                joined_at = excluded.joined_at
            """)
    }
}
