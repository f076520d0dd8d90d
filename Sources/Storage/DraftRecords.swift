import Foundation

/// A message draft a bot streams to a user (`sendMessageDraft`, `sendRichMessageDraft`):
/// what is needed to stop it and to let it expire. The draft's text goes to the user as
/// updates and is not kept.
public struct MessageDraftRecord: Sendable, Equatable, Codable {
    /// The private chat's internal id.
    public var chatID: Int64
    public var draftID: Int64
    public var botID: Int64
    public var threadID: Int64?
    /// `can_stop`: the user may press Stop.
    public var canStop: Bool
    /// `keep_on_stop`: a stopped draft stays shown until it expires.
    public var keepOnStop: Bool
    /// The user pressed Stop: later drafts with this id are not shown.
    public var stopped: Bool
    /// When the draft stops being shown, Unix time.
    public var expiresAt: Int64

    public init(
        chatID: Int64, draftID: Int64, botID: Int64, threadID: Int64? = nil, canStop: Bool, keepOnStop: Bool, stopped: Bool = false,
        expiresAt: Int64
    ) {
        self.chatID = chatID
        self.draftID = draftID
        self.botID = botID
        self.threadID = threadID
        self.canStop = canStop
        self.keepOnStop = keepOnStop
        self.stopped = stopped
        self.expiresAt = expiresAt
    }
}
