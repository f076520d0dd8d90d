import PostgresNIO

/// Which accounts each account has come across (see the engine's `Visibility`).
extension PostgresTransaction {
    func hasSighting(of accountID: Int64, by viewerID: Int64) throws -> Bool {
        try exists("SELECT 1 FROM sighting WHERE viewer_id = \(viewerID) AND account_id = \(accountID)")
    }

    func recordSighting(of accountID: Int64, by viewerID: Int64) throws {
        try run("INSERT INTO sighting (viewer_id, account_id) VALUES (\(viewerID), \(accountID)) ON CONFLICT DO NOTHING")
    }

    func sharesChat(_ first: Int64, _ second: Int64) throws -> Bool {
        try exists("""
            SELECT 1 FROM chat_member AS a JOIN chat_member AS b ON b.chat_id = a.chat_id AND b.account_id = \(second)
            WHERE a.account_id = \(first) LIMIT 1
            """)
    }
}
