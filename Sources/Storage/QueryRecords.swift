import Foundation

/// A query a user put to a bot and the bot's answer, kept in the store so that every server
/// instance sharing it sees the same queries: the user's call waits on one instance while the
/// bot answers through another. Also the orders `validateOrderInfo` checked, which
/// `payInvoice` may use through any instance.
public struct QueryRecord: Sendable, Equatable {
    /// What the query is; the id space of each kind is separate.
    public enum Kind: String, Sendable, CaseIterable {
        /// A button press (`sendCallbackQuery` → `answerCallbackQuery`).
        case callback
        /// An inline query (`sendInlineQuery` → `answerInlineQuery`).
        case inline
        /// A payment's `shipping_query` (→ `answerShippingQuery`).
        case shipping
        /// A payment's `pre_checkout_query` (→ `answerPreCheckoutQuery`).
        case preCheckout = "pre_checkout"
        /// Order information `validateOrderInfo` checked, by `order_info_id`; its answer is
        /// the checked order.
        case order
        /// A join request put to a bot that takes join-request queries (`joinChat` →
        /// `answerChatJoinRequestQuery` / `sendChatJoinRequestWebApp`).
        case joinRequest = "join_request"
        /// A guest bot's query (`sendGuestMessage` → `answerGuestQuery`).
        case guest
    }

    public var kind: Kind
    public var id: String
    /// The bot asked.
    public var botID: Int64
    /// The user who asked.
    public var userID: Int64
    /// A press of a game button, whose answer may open the game's URL.
    public var isGame: Bool
    /// Unix time from which the query can no longer be answered or used.
    public var expiresAt: Int64
    /// Engine-defined JSON: the bot's answer; nil while it was not given.
    public var answer: Data?

    public init(kind: Kind, id: String, botID: Int64, userID: Int64, isGame: Bool = false, expiresAt: Int64, answer: Data? = nil) {
        self.kind = kind
        self.id = id
        self.botID = botID
        self.userID = userID
        self.isGame = isGame
        self.expiresAt = expiresAt
        self.answer = answer
    }
}
