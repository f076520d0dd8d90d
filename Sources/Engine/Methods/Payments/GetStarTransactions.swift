import BotAPI

/// `getStarTransactions` (bots): the bot's Star transactions, newest first, `offset`
/// skipped, `limit` (1-100, default 100) at most; shaped as the official server shapes them
/// (incoming ones name their `source`, outgoing ones their `receiver`).
enum GetStarTransactions: APIMethod {
    static let name = "getStarTransactions"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let offset = max(call.parameters["offset"].map(LenientParse.integer) ?? 0, 0)
        let limit = min(max(call.parameters["limit"].map(LenientParse.integer) ?? 100, 1), 100)
        let bot = call.account
        let records = try await call.engine.write { tx in
            try Subscriptions.renewDue(tx)
            return try tx.store.starTransactions(accountID: bot.id, offset: offset, limit: limit)
        }
        return MethodResult(StarTransactions(transactions: records.map(StarLedger.view)))
    }
}
