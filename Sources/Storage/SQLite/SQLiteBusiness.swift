import Foundation
import GRDB

/// Business connections and the stories business bots post.
extension SQLiteTransaction {
    private static let connectionColumns = "id, user_id, bot_id, rights, is_enabled, date"

    private func connection(from row: Row) -> BusinessConnectionRecord {
        BusinessConnectionRecord(id: row[0], userID: row[1], botID: row[2], rights: row[3], isEnabled: row[4], date: row[5])
    }

    func businessConnection(id: String) throws -> BusinessConnectionRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.connectionColumns) FROM business_connection WHERE id = ?")
        return try Row.decodeFirst(statement, arguments: [id], connection(from:))
    }

    func businessConnections(userID: Int64) throws -> [BusinessConnectionRecord] {
        let statement = try db.cachedStatement(
            sql: "SELECT \(Self.connectionColumns) FROM business_connection WHERE user_id = ? ORDER BY rowid")
        return try Row.fetchAll(statement, arguments: [userID]).map(connection(from:))
    }

    func save(_ record: BusinessConnectionRecord) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO business_connection (id, user_id, bot_id, rights, is_enabled, date) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET rights = excluded.rights, is_enabled = excluded.is_enabled, date = excluded.date
                """)
        try statement.execute(arguments: [record.id, record.userID, record.botID, record.rights, record.isEnabled, record.date])
    }

    private static let storyColumns = "owner_id, story_id, poster_id, date, expires_at, content"

    private func story(from row: Row) -> StoryRecord {
        StoryRecord(ownerID: row[0], storyID: row[1], posterID: row[2], date: row[3], expiresAt: row[4], content: row[5])
    }

    func story(ownerID: Int64, storyID: Int64) throws -> StoryRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.storyColumns) FROM story WHERE owner_id = ? AND story_id = ?")
        return try Row.decodeFirst(statement, arguments: [ownerID, storyID], story(from:))
    }

    func stories(ownerID: Int64, activeAt now: Int64) throws -> [StoryRecord] {
        let statement = try db.cachedStatement(
            sql: "SELECT \(Self.storyColumns) FROM story WHERE owner_id = ? AND expires_at > ? ORDER BY story_id")
        return try Row.fetchAll(statement, arguments: [ownerID, now]).map(story(from:))
    }

    func save(_ record: StoryRecord) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO story (owner_id, story_id, poster_id, date, expires_at, content) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (owner_id, story_id) DO UPDATE SET
                    poster_id = excluded.poster_id, date = excluded.date, expires_at = excluded.expires_at, content = excluded.content
                """)
        try statement.execute(arguments: [
            record.ownerID, record.storyID, record.posterID, record.date, record.expiresAt, record.content,
        ])
    }

    func deleteStory(ownerID: Int64, storyID: Int64) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM story WHERE owner_id = ? AND story_id = ?")
        try statement.execute(arguments: [ownerID, storyID])
    }
}

extension SQLiteSchema {
    static let businessSQL = """
        CREATE TABLE business_connection (
            id TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL,
            bot_id INTEGER NOT NULL,
            rights BLOB NOT NULL,
            is_enabled INTEGER NOT NULL,
            date INTEGER NOT NULL,
            UNIQUE (user_id, bot_id)
        );
        CREATE TABLE story (
            owner_id INTEGER NOT NULL,
            story_id INTEGER NOT NULL,
            poster_id INTEGER NOT NULL,
            date INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (owner_id, story_id)
        ) WITHOUT ROWID;
        """
}
