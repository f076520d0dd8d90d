import PostgresNIO

/// Games and their high-score tables.
extension PostgresTransaction {
    private static let gameColumns = "id, bot_id, short_name, title, description, photo, created_at"

    func game(botID: Int64, shortName: String) throws -> GameRecord? {
        try row("SELECT \(unescaped: Self.gameColumns) FROM game WHERE bot_id = \(botID) AND short_name = \(shortName)").map { row in
            try GameRecord(id: row[0], botID: row[1], shortName: row[2], title: row[3], description: row[4], photo: row[5], createdAt: row[6])
        }
    }

    func insert(_ r: GameRecord) throws -> GameRecord {
        var inserted = r
        inserted.id = try value("""
            INSERT INTO game (bot_id, short_name, title, description, photo, created_at)
            VALUES (\(r.botID), \(r.shortName), \(r.title), \(r.description), \(r.photo), \(r.createdAt))
            RETURNING id
            """) ?? 0
        return inserted
    }

    func gameScores(gameID: Int64, scope: String) throws -> [GameScoreRecord] {
        try rows("""
            SELECT game_id, scope, user_id, score, date FROM game_score WHERE game_id = \(gameID) AND scope = \(scope)
            ORDER BY score DESC, date, user_id
            """).map { row in
            try GameScoreRecord(gameID: row[0], scope: row[1], userID: row[2], score: row[3], date: row[4])
        }
    }

    func save(_ r: GameScoreRecord) throws {
        try run("""
            INSERT INTO game_score (game_id, scope, user_id, score, date) VALUES (\(r.gameID), \(r.scope), \(r.userID), \(r.score), \(r.date))
            ON CONFLICT (game_id, scope, user_id) DO UPDATE SET score = excluded.score, date = excluded.date
            """)
    }

    func deleteGameScore(gameID: Int64, scope: String, userID: Int64) throws {
        try run("DELETE FROM game_score WHERE game_id = \(gameID) AND scope = \(scope) AND user_id = \(userID)")
    }
}
