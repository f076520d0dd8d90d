import PostgresNIO

/// Webhook delivery leases (``WebhookLeaseRecord``): which instance delivers a bot's queue.
extension PostgresTransaction {
    private func lease(from row: PostgresCells) throws -> WebhookLeaseRecord {
        try WebhookLeaseRecord(botID: row[0], holder: row[1], term: row[2], expiresAt: row[3])
    }

    func webhookLease(botID: Int64) throws -> WebhookLeaseRecord? {
        try row("SELECT bot_id, holder, term, expires_at FROM webhook_lease WHERE bot_id = \(botID)").map(lease(from:))
    }

    func webhookLeases() throws -> [WebhookLeaseRecord] {
        try rows("SELECT bot_id, holder, term, expires_at FROM webhook_lease ORDER BY bot_id").map(lease(from:))
    }

    func save(_ r: WebhookLeaseRecord) throws {
        try run("""
            INSERT INTO webhook_lease (bot_id, holder, term, expires_at) VALUES (\(r.botID), \(r.holder), \(r.term), \(r.expiresAt))
            ON CONFLICT (bot_id) DO UPDATE SET holder = excluded.holder, term = excluded.term, expires_at = excluded.expires_at
            """)
    }

    func deleteWebhookLease(botID: Int64) throws {
        try run("DELETE FROM webhook_lease WHERE bot_id = \(botID)")
    }
}
