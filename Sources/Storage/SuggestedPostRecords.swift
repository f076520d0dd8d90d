import Foundation

/// Something that happens to an approved suggested post later, on the world's clock: its
/// publication in the channel at the approved date, or the payment for it 24 hours after.
public struct SuggestedPostJobRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Publish the post in the channel.
        case publish
        /// Pay the channel for a published post.
        case pay
    }

    /// The direct-messages chat's internal id and the suggestion's message id there.
    public var chatID: Int64
    public var messageID: Int64
    public var kind: Kind
    /// Unix time at which the job is due.
    public var dueAt: Int64

    public init(chatID: Int64, messageID: Int64, kind: Kind, dueAt: Int64) {
        self.chatID = chatID
        self.messageID = messageID
        self.kind = kind
        self.dueAt = dueAt
    }
}
