import BotAPI

/// `getMyStarBalance` (bots): the bot's Telegram Stars, as a `StarAmount`. Subscriptions due
/// by now are renewed first (see ``Subscriptions``).
enum GetMyStarBalance: APIMethod {
    static let name = "getMyStarBalance"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let bot = call.account
        let balance = try await call.engine.write { tx in
            try Subscriptions.renewDue(tx)
            return try tx.store.starBalance(accountID: bot.id)
        }
        return MethodResult(StarAmount(amount: Int(balance)))
    }
}
