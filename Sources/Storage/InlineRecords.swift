import Foundation

/// One piece of inline-mode state (see the engine's `Inline` area): a bot's answer to an
/// inline query, a cache entry pointing at such an answer, a message sent via inline mode,
/// a prepared inline message or keyboard button, or a Web App query. They share one table because each is an
/// opaque id with an owner, an expiry and engine-defined JSON.
public struct InlineRecord: Sendable, Equatable, Codable {
    /// What the record is; the id space of each kind is separate.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An answer to an inline query, by query id.
        case answer
        /// A cached answer's query id, by (bot, user or 0, query, offset, chat type).
        case cache
        /// A message sent via inline mode, by `inline_message_id`.
        case message
        /// The `inline_message_id` of a message, by "<internal chat id>:<message id>".
        case messageInChat
        /// A prepared inline message, by its id.
        case prepared
        /// A Web App query, by `web_app_query_id`.
        case webAppQuery
        /// A prepared keyboard button, by its id.
        case preparedButton
    }

    public var kind: Kind
    public var id: String
    /// The bot the record belongs to.
    public var botID: Int64
    /// Unix time from which the record is gone.
    public var expiresAt: Int64
    /// Engine-defined JSON.
    public var value: Data

    public init(kind: Kind, id: String, botID: Int64, expiresAt: Int64, value: Data) {
        self.kind = kind
        self.id = id
        self.botID = botID
        self.expiresAt = expiresAt
        self.value = value
    }
}
