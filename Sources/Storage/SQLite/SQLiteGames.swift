import Foundation
import GRDB

/// Games and their high-score tables.
extension SQLiteTransaction {
    private static let gameColumns = "id, bot_id, short_name, title, description, photo, created_at"

    private func game(from row: Row) -> GameRecord {
        GameRecord(id: row[0], botID: row[1], shortName: row[2], title: row[3], description: row[4], photo: row[5], createdAt: row[6])
    }

    func game(botID: Int64, shortName: String) throws -> GameRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.gameColumns) FROM game WHERE bot_id = ? AND short_name = ?")
        return try Row.decodeFirst(statement, arguments: [botID, shortName], game(from:))
    }

    func insert(_ record: GameRecord) throws -> GameRecord {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO game (bot_id, short_name, title, description, photo, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        try statement.execute(arguments: [
            record.botID, record.shortName, record.title, record.description, record.photo, record.createdAt,
        ])
        var inserted = record
        inserted.id = db.lastInsertedRowID
        return inserted
    }

    func gameScores(gameID: Int64, scope: String) throws -> [GameScoreRecord] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT game_id, scope, user_id, score, date FROM game_score WHERE game_id = ? AND scope = ?
                ORDER BY score DESC, date, user_id
                """)
        return try Row.fetchAll(statement, arguments: [gameID, scope]).map { row in
            GameScoreRecord(gameID: row[0], scope: row[1], userID: row[2], score: row[3], date: row[4])
        }
    }

    func save(_ record: GameScoreRecord) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO game_score (game_id, scope, user_id, score, date) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (game_id, scope, user_id) DO UPDATE SET score = excluded.score, date = excluded.date
                """)
        try statement.execute(arguments: [record.gameID, record.scope, record.userID, record.score, record.date])
    }

    func deleteGameScore(gameID: Int64, scope: String, userID: Int64) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM game_score WHERE game_id = ? AND scope = ? AND user_id = ?")
        try statement.execute(arguments: [gameID, scope, userID])
    }
}

extension SQLiteSchema {
    static let gamesSQL = """
        CREATE TABLE game (
            id INTEGER PRIMARY KEY,
            bot_id INTEGER NOT NULL,
            short_name TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT NOT NULL,
            photo BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (bot_id, short_name)
        );
        CREATE TABLE game_score (
            game_id INTEGER NOT NULL,
            scope TEXT NOT NULL,
            user_id INTEGER NOT NULL,
            score INTEGER NOT NULL,
            date INTEGER NOT NULL,
            PRIMARY KEY (game_id, scope, user_id)
        ) WITHOUT ROWID;
        """
}
