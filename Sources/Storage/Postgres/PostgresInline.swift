import PostgresNIO

/// Inline-mode state: answers, caches, inline messages, prepared messages, Web App queries.
extension PostgresTransaction {
    func inlineRecord(kind: InlineRecord.Kind, id: String, now: Int64) throws -> InlineRecord? {
        try row("""
            SELECT bot_id, expires_at, value FROM inline_record WHERE kind = \(kind.rawValue) AND id = \(id) AND expires_at > \(now)
            """).map { row in
            try InlineRecord(kind: kind, id: id, botID: row[0], expiresAt: row[1], value: row[2])
        }
    }

    func save(_ r: InlineRecord) throws {
        try run("""
            INSERT INTO inline_record (kind, id, bot_id, expires_at, value)
            VALUES (\(r.kind.rawValue), \(r.id), \(r.botID), \(r.expiresAt), \(r.value))
            ON CONFLICT (kind, id) DO UPDATE SET bot_id = excluded.bot_id, expires_at = excluded.expires_at, value = excluded.value
            """)
    }

    func deleteInlineRecord(kind: InlineRecord.Kind, id: String) throws {
        try run("DELETE FROM inline_record WHERE kind = \(kind.rawValue) AND id = \(id)")
    }

    func deleteExpiredInlineRecords(now: Int64, limit: Int) throws {
        try run("""
            DELETE FROM inline_record WHERE (kind, id) IN (
                SELECT kind, id FROM inline_record WHERE expires_at <= \(now) ORDER BY expires_at LIMIT \(limit))
            """)
    }
}
