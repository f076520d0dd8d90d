import BotAPI
import Storage

/// `giftPremiumSubscription` (bots): buys Telegram Premium for a user with the bot's Stars
/// (``PremiumGifts``): 3, 6 or 12 months for 1000, 1500 or 2500 Stars.
enum GiftPremiumSubscription: APIMethod {
    static let name = "giftPremiumSubscription"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        // The official server reads `user_id` first, then the price and the text.
        let userID = call.parameters["user_id"].map(LenientParse.integer) ?? 0
        guard userID > 0 else { throw APIError.badRequest("invalid user_id specified") }
        let p: GiftPremiumSubscriptionParameters = try call.decode()
        // TDLib's check of a Stars amount before anything is asked of Telegram.
        guard p.starCount > 0 else { throw APIError.badRequest("invalid amount of the currency specified") }
        let bot = call.account
        try await call.engine.write { tx in
            // Checked as the official server checks it; no message shows it: the Bot API has
            // no field for gifted Premium and the official server drops such messages.
            _ = try Gifts.text(p.text, parseMode: p.textParseMode, entities: p.textEntities, sender: bot, in: tx.store)
            guard let user = try Visibility.account(id: Int64(userID), viewer: bot, in: tx.store), !user.isDeleted else {
                throw APIError.badRequest("user not found")
            }
            guard !user.isBot else { throw APIError.badRequest("USER_IS_BOT") }
            try PremiumGifts.gift(months: p.monthCount, starCount: Int64(p.starCount), to: user, from: bot, tx: tx)
        }
        return .true
    }
}
