import PostgresNIO

/// Business connections and the stories business bots post.
extension PostgresTransaction {
    private static let connectionColumns = "id, user_id, bot_id, rights, is_enabled, date"

    private func connection(from row: PostgresCells) throws -> BusinessConnectionRecord {
        try BusinessConnectionRecord(id: row[0], userID: row[1], botID: row[2], rights: row[3], isEnabled: row[4], date: row[5])
    }

    func businessConnection(id: String) throws -> BusinessConnectionRecord? {
        try row("SELECT \(unescaped: Self.connectionColumns) FROM business_connection WHERE id = \(id)").map(connection(from:))
    }

    func businessConnections(userID: Int64) throws -> [BusinessConnectionRecord] {
        try rows("SELECT \(unescaped: Self.connectionColumns) FROM business_connection WHERE user_id = \(userID) ORDER BY seq")
            .map(connection(from:))
    }

    func save(_ r: BusinessConnectionRecord) throws {
        try run("""
            INSERT INTO business_connection (id, user_id, bot_id, rights, is_enabled, date)
            VALUES (\(r.id), \(r.userID), \(r.botID), \(r.rights), \(r.isEnabled), \(r.date))
            ON CONFLICT (id) DO UPDATE SET rights = excluded.rights, is_enabled = excluded.is_enabled, date = excluded.date
            """)
    }

    private static let storyColumns = "owner_id, story_id, poster_id, date, expires_at, content"

    private func story(from row: PostgresCells) throws -> StoryRecord {
        try StoryRecord(ownerID: row[0], storyID: row[1], posterID: row[2], date: row[3], expiresAt: row[4], content: row[5])
    }

    func story(ownerID: Int64, storyID: Int64) throws -> StoryRecord? {
        try row("SELECT \(unescaped: Self.storyColumns) FROM story WHERE owner_id = \(ownerID) AND story_id = \(storyID)")
            .map(story(from:))
    }

    func stories(ownerID: Int64, activeAt now: Int64) throws -> [StoryRecord] {
        try rows("""
            SELECT \(unescaped: Self.storyColumns) FROM story WHERE owner_id = \(ownerID) AND expires_at > \(now) ORDER BY story_id
            """).map(story(from:))
    }

    func save(_ r: StoryRecord) throws {
        try run("""
            INSERT INTO story (owner_id, story_id, poster_id, date, expires_at, content)
            VALUES (\(r.ownerID), \(r.storyID), \(r.posterID), \(r.date), \(r.expiresAt), \(r.content))
            ON CONFLICT (owner_id, story_id) DO UPDATE SET
                poster_id = excluded.poster_id, date = excluded.date, expires_at = excluded.expires_at, content = excluded.content
            """)
    }

    func deleteStory(ownerID: Int64, storyID: Int64) throws {
        try run("DELETE FROM story WHERE owner_id = \(ownerID) AND story_id = \(storyID)")
    }
}
