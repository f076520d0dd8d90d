import PostgresNIO

/// Queries a user put to a bot, and their answers (``QueryRecord``).
extension PostgresTransaction {
    private static let queryColumns = "kind, id, bot_id, user_id, is_game, expires_at, answer"

    private func query(from row: PostgresCells) throws -> QueryRecord? {
        guard let kind = QueryRecord.Kind(rawValue: try row[0]) else { return nil }
        return try QueryRecord(kind: kind, id: row[1], botID: row[2], userID: row[3], isGame: row[4], expiresAt: row[5], answer: row[6])
    }

    func query(kind: QueryRecord.Kind, id: String, now: Int64) throws -> QueryRecord? {
        try row("""
            SELECT \(unescaped: Self.queryColumns) FROM user_query WHERE kind = \(kind.rawValue) AND id = \(id) AND expires_at > \(now)
            """).flatMap(query(from:))
    }

    func queries(kind: QueryRecord.Kind, userID: Int64, now: Int64) throws -> [QueryRecord] {
        try rows("""
            SELECT \(unescaped: Self.queryColumns) FROM user_query
            WHERE user_id = \(userID) AND kind = \(kind.rawValue) AND expires_at > \(now) ORDER BY expires_at, id
            """).compactMap(query(from:))
    }

    func save(_ r: QueryRecord) throws {
        try run("""
            INSERT INTO user_query (\(unescaped: Self.queryColumns))
            VALUES (\(r.kind.rawValue), \(r.id), \(r.botID), \(r.userID), \(r.isGame), \(r.expiresAt), \(r.answer))
            ON CONFLICT (kind, id) DO UPDATE SET bot_id = excluded.bot_id, user_id = excluded.user_id, is_game = excluded.is_game,
                expires_at = excluded.expires_at, answer = excluded.answer
            """)
    }

    func deleteQuery(kind: QueryRecord.Kind, id: String) throws {
        try run("DELETE FROM user_query WHERE kind = \(kind.rawValue) AND id = \(id)")
    }

    func deleteQueries(kind: QueryRecord.Kind, userID: Int64) throws {
        try run("DELETE FROM user_query WHERE user_id = \(userID) AND kind = \(kind.rawValue)")
    }

    func deleteExpiredQueries(now: Int64, limit: Int) throws {
        try run("""
            DELETE FROM user_query WHERE (kind, id) IN (
                SELECT kind, id FROM user_query WHERE expires_at <= \(now) ORDER BY expires_at LIMIT \(limit))
            """)
    }
}
