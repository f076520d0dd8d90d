import Foundation

/// A game a bot offers (the admin's `createGame`, BotFather's /newgame on Telegram), known
/// to its bot by a short name.
public struct GameRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var botID: Int64
    /// Unique per bot, compared exactly.
    public var shortName: String
    public var title: String
    public var description: String
    /// The game's photo as the engine shows it: a JSON array of PhotoSize, `[]` when none.
    public var photo: Data
    public var createdAt: Int64

    public init(id: Int64 = 0, botID: Int64, shortName: String, title: String, description: String, photo: Data, createdAt: Int64) {
        self.id = id
        self.botID = botID
        self.shortName = shortName
        self.title = title
        self.description = description
        self.photo = photo
        self.createdAt = createdAt
    }
}

/// One player's score in one game's high-score table. Telegram keeps a table per game and
/// chat (or per inline message): `scope` is the engine's name for that table.
public struct GameScoreRecord: Sendable, Equatable, Codable {
    public var gameID: Int64
    /// Which table: the chat's internal id for messages in a chat, an engine-defined key
    /// otherwise.
    public var scope: String
    public var userID: Int64
    public var score: Int64
    /// When the score was last set, Unix time; earlier scores rank first among equals.
    public var date: Int64

    public init(gameID: Int64, scope: String, userID: Int64, score: Int64, date: Int64) {
        self.gameID = gameID
        self.scope = scope
        self.userID = userID
        self.score = score
        self.date = date
    }
}
