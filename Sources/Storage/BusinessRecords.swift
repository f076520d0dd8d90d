import Foundation

/// A bot a user connected to their account as its business bot (`connectBusinessBot` on the
/// user surface; Telegram Business settings on Telegram). A user has at most one enabled
/// connection; reconnecting the same bot keeps the connection's id, as on Telegram.
public struct BusinessConnectionRecord: Sendable, Equatable, Codable {
    /// The `business_connection_id` bots use; unique.
    public var id: String
    public var userID: Int64
    public var botID: Int64
    /// The granted rights as a `BusinessBotRights` JSON object.
    public var rights: Data
    public var isEnabled: Bool
    /// When the connection was last made or changed, Unix time.
    public var date: Int64

    public init(id: String, userID: Int64, botID: Int64, rights: Data, isEnabled: Bool, date: Int64) {
        self.id = id
        self.userID = userID
        self.botID = botID
        self.rights = rights
        self.isEnabled = isEnabled
        self.date = date
    }
}

/// A story posted on an account (by its business bot with `postStory` or `repostStory`).
/// Story ids count up per owner from 1 and are never reused.
public struct StoryRecord: Sendable, Equatable, Codable {
    public var ownerID: Int64
    /// 0 in a record to insert: the store assigns the owner's next id.
    public var storyID: Int64
    /// The bot that posted it.
    public var posterID: Int64
    public var date: Int64
    /// When it stops being active, Unix time (`date` + `active_period`).
    public var expiresAt: Int64
    /// The engine's JSON description of the story: content, caption, entities, areas.
    public var content: Data

    public init(ownerID: Int64, storyID: Int64 = 0, posterID: Int64, date: Int64, expiresAt: Int64, content: Data) {
        self.ownerID = ownerID
        self.storyID = storyID
        self.posterID = posterID
        self.date = date
        self.expiresAt = expiresAt
        self.content = content
    }
}
