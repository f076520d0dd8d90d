import BotAPI

/// `getMyStarBalance`: the caller's Telegram Stars, as a `StarAmount` — a bot's, or a user's
/// (what a client shows before a Stars payment). Subscriptions due by now are renewed first
/// (see ``Subscriptions``).
enum GetMyStarBalance: APIMethod {
    static let name = "getMyStarBalance"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let account = call.account
        let balance = try await call.engine.write { tx in
            try Subscriptions.renewDue(tx)
            return try tx.store.starBalance(accountID: account.id)
        }
        return MethodResult(StarAmount(amount: Int(balance)))
    }
}
