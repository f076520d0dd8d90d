import BotAPI
import Storage

/// `sendGift` (bots): buys a gift of the catalogue for a user (`user_id`) or a channel
/// (`chat_id`) with the bot's Stars (``GiftOwnership/send(_:to:from:tx:)``).
enum SendGift: APIMethod {
    static let name = "sendGift"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: SendGiftParameters = try call.decode()
        let bot = call.account
        try await Gifts.ensure(call.engine)
        try await call.engine.write { tx in
            // The official server reads the text first, then the receiver.
            let (text, entities) = try Gifts.text(p.text, parseMode: p.textParseMode, entities: p.textEntities, sender: bot, in: tx.store)
            let owner = try receiver(p, bot: bot, in: tx.store)
            let purchase = GiftOwnership.Purchase(giftID: p.giftId, payForUpgrade: p.payForUpgrade ?? false, text: text, entities: entities)
            try GiftOwnership.send(purchase, to: owner, from: bot, tx: tx)
        }
        return .true
    }

    /// The receiver: `chat_id` when given (a channel, or a user's private chat), else
    /// `user_id`, with the official refusals.
    private static func receiver(_ p: SendGiftParameters, bot: AccountRecord, in store: any StoreReader) throws -> GiftOwner {
        if let chatID = p.chatId {
            switch try Outbox.destination(chatID, from: bot, in: store) {
            case .group(let group):
                // Telegram's code for a gift to a chat that can't hold gifts (guess: groups).
                guard group.isChannel else { throw APIError.badRequest("PEER_ID_INVALID") }
                return .chat(group)
            case .privateChat(let peer):
                return try person(peer)
            }
        }
        let userID = p.userId ?? 0
        guard userID > 0 else { throw APIError.badRequest("invalid user_id specified") }
        guard let user = try Visibility.account(id: Int64(userID), viewer: bot, in: store), !user.isDeleted else {
            throw APIError.badRequest("user not found")
        }
        return try person(user)
    }

    private static func person(_ account: AccountRecord) throws -> GiftOwner {
        // Telegram's code for a bot as the receiver (the server's guess).
        guard !account.isBot else { throw APIError.badRequest("USER_IS_BOT") }
        return .account(account)
    }
}
