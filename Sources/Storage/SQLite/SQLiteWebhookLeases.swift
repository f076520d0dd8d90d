import GRDB

/// Webhook delivery leases (``WebhookLeaseRecord``). One process uses a SQLite file, so its
/// instance always holds every lease; the table keeps the code path the same as PostgreSQL's.
extension SQLiteTransaction {
    private func lease(from row: Row) -> WebhookLeaseRecord {
        WebhookLeaseRecord(botID: row[0], holder: row[1], term: row[2], expiresAt: row[3])
    }

    func webhookLease(botID: Int64) throws -> WebhookLeaseRecord? {
        let statement = try db.cachedStatement(sql: "SELECT bot_id, holder, term, expires_at FROM webhook_lease WHERE bot_id = ?")
        return try Row.decodeFirst(statement, arguments: [botID], lease(from:))
    }

    func webhookLeases() throws -> [WebhookLeaseRecord] {
        let statement = try db.cachedStatement(sql: "SELECT bot_id, holder, term, expires_at FROM webhook_lease ORDER BY bot_id")
        return try Row.fetchAll(statement).map(lease(from:))
    }

    func save(_ record: WebhookLeaseRecord) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO webhook_lease (bot_id, holder, term, expires_at) VALUES (?, ?, ?, ?)")
        try statement.execute(arguments: [record.botID, record.holder, record.term, record.expiresAt])
    }

    func deleteWebhookLease(botID: Int64) throws {
        try db.execute(sql: "DELETE FROM webhook_lease WHERE bot_id = ?", arguments: [botID])
    }
}

extension SQLiteSchema {
    static let webhookLeasesSQL = """
        CREATE TABLE webhook_lease (
            bot_id INTEGER PRIMARY KEY,
            holder TEXT NOT NULL,
            term INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        );
        """
}
