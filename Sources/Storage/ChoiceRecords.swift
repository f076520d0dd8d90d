import Foundation

/// One account's own choice on one message: its reactions, or its answer to a poll. Kept
/// apart from the message content because each member of a chat has their own, and the
/// message shows only their sum (reaction counts, poll option counts).
public struct MessageChoiceRecord: Sendable, Equatable, Codable {
    public var chatID: Int64
    public var messageID: Int64
    public var actorID: Int64
    /// What was chosen: "reaction" or "poll".
    public var kind: String
    /// Engine-defined JSON (the reaction list, the chosen option ids).
    public var value: Data
    /// When the choice was last changed, Unix time.
    public var date: Int64

    public init(chatID: Int64, messageID: Int64, actorID: Int64, kind: String, value: Data, date: Int64) {
        self.chatID = chatID
        self.messageID = messageID
        self.actorID = actorID
        self.kind = kind
        self.value = value
        self.date = date
    }
}
