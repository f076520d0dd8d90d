import GRDB

/// Inline-mode state: answers, caches, inline messages, prepared messages, Web App queries.
extension SQLiteTransaction {
    func inlineRecord(kind: InlineRecord.Kind, id: String, now: Int64) throws -> InlineRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT bot_id, expires_at, value FROM inline_record WHERE kind = ? AND id = ? AND expires_at > ?")
        return try Row.decodeFirst(statement, arguments: [kind.rawValue, id, now]) { row in
            InlineRecord(kind: kind, id: id, botID: row[0], expiresAt: row[1], value: row[2])
        }
    }

    func save(_ record: InlineRecord) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO inline_record (kind, id, bot_id, expires_at, value) VALUES (?, ?, ?, ?, ?)")
        try statement.execute(arguments: [record.kind.rawValue, record.id, record.botID, record.expiresAt, record.value])
    }

    func deleteInlineRecord(kind: InlineRecord.Kind, id: String) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM inline_record WHERE kind = ? AND id = ?")
        try statement.execute(arguments: [kind.rawValue, id])
    }

    func deleteExpiredInlineRecords(now: Int64, limit: Int) throws {
        let statement = try db.cachedStatement(
            sql: """
                DELETE FROM inline_record WHERE rowid IN (
                    SELECT rowid FROM inline_record WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)
                """)
        try statement.execute(arguments: [now, limit])
    }
}

extension SQLiteSchema {
    static let inlineSQL = """
        CREATE TABLE inline_record (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            bot_id INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            value BLOB NOT NULL,
            PRIMARY KEY (kind, id)
        );
        CREATE INDEX inline_record_expiry ON inline_record (expires_at);
        """
}
