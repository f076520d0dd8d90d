import GRDB

/// Queries a user put to a bot, and their answers (``QueryRecord``).
extension SQLiteTransaction {
    private static let queryColumns = "kind, id, bot_id, user_id, is_game, expires_at, answer"

    private func query(from row: Row) -> QueryRecord? {
        guard let kind = QueryRecord.Kind(rawValue: row[0]) else { return nil }
        return QueryRecord(kind: kind, id: row[1], botID: row[2], userID: row[3], isGame: row[4], expiresAt: row[5], answer: row[6])
    }

    func query(kind: QueryRecord.Kind, id: String, now: Int64) throws -> QueryRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT \(Self.queryColumns) FROM user_query WHERE kind = ? AND id = ? AND expires_at > ?")
        return try Row.fetchOne(statement, arguments: [kind.rawValue, id, now]).flatMap(query(from:))
    }

    func queries(kind: QueryRecord.Kind, userID: Int64, now: Int64) throws -> [QueryRecord] {
        let statement = try db.cachedStatement(
            sql: "SELECT \(Self.queryColumns) FROM user_query WHERE user_id = ? AND kind = ? AND expires_at > ? ORDER BY expires_at, id")
        return try Row.fetchAll(statement, arguments: [userID, kind.rawValue, now]).compactMap(query(from:))
    }

    func save(_ r: QueryRecord) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO user_query (\(Self.queryColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)")
        try statement.execute(arguments: [r.kind.rawValue, r.id, r.botID, r.userID, r.isGame, r.expiresAt, r.answer])
    }

    func deleteQuery(kind: QueryRecord.Kind, id: String) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM user_query WHERE kind = ? AND id = ?")
        try statement.execute(arguments: [kind.rawValue, id])
    }

    func deleteQueries(kind: QueryRecord.Kind, userID: Int64) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM user_query WHERE user_id = ? AND kind = ?")
        try statement.execute(arguments: [userID, kind.rawValue])
    }

    func deleteExpiredQueries(now: Int64, limit: Int) throws {
        let statement = try db.cachedStatement(
            sql: """
                DELETE FROM user_query WHERE rowid IN (
                    SELECT rowid FROM user_query WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)
                """)
        try statement.execute(arguments: [now, limit])
    }
}

extension SQLiteSchema {
    static let queriesSQL = """
        CREATE TABLE user_query (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            bot_id INTEGER NOT NULL,
            user_id INTEGER NOT NULL,
            is_game INTEGER NOT NULL DEFAULT 0,
            expires_at INTEGER NOT NULL,
            answer BLOB,
            PRIMARY KEY (kind, id)
        );
        CREATE INDEX user_query_expiry ON user_query (expires_at);
        CREATE INDEX user_query_by_user ON user_query (user_id, kind, expires_at);
        """
}
