import GRDB

/// Which accounts each account has come across (see the engine's `Visibility`): the cases
/// that no other row records, such as a user named in a forward's origin or a text mention.
extension SQLiteTransaction {
    func hasSighting(of accountID: Int64, by viewerID: Int64) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM sighting WHERE viewer_id = ? AND account_id = ?")
        return try Int.fetchOne(statement, arguments: [viewerID, accountID]) != nil
    }

    func recordSighting(of accountID: Int64, by viewerID: Int64) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO sighting (viewer_id, account_id) VALUES (?, ?)")
        try statement.execute(arguments: [viewerID, accountID])
    }

    func sharesChat(_ first: Int64, _ second: Int64) throws -> Bool {
        // Walks the smaller side through `chat_member_account`, then probes the primary key.
        let statement = try db.cachedStatement(
            sql: """
                SELECT 1 FROM chat_member AS a JOIN chat_member AS b ON b.chat_id = a.chat_id AND b.account_id = ?
                WHERE a.account_id = ? LIMIT 1
                """)
        return try Int.fetchOne(statement, arguments: [second, first]) != nil
    }
}

extension SQLiteSchema {
    static let sightingsSQL = """
        CREATE TABLE sighting (
            viewer_id INTEGER NOT NULL,
            account_id INTEGER NOT NULL,
            PRIMARY KEY (viewer_id, account_id)
        ) WITHOUT ROWID;
        """
}
