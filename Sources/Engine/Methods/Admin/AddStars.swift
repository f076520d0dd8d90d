import BotAPI
import Storage

/// `addStars` (admin, USER-API.md): adds Telegram Stars to a user's or bot's balance, or
/// takes them away with a negative `amount`; a balance never goes below 0 (taking more than
/// there is leaves 0). Answers the new balance.
enum AddStars: APIMethod {
    static let name = "addStars"
    static let surfaces: Set<Surface> = [.admin]

    /// A bound on one change, so balances stay far from overflowing.
    static let maxAmount: Int64 = 1_000_000_000_000

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let userText = call.parameters["user_id"] else { throw APIError.badRequest("invalid user_id specified") }
        let userID = Int64(LenientParse.integer(userText))
        guard let amountText = call.parameters["amount"] else { throw APIError.badRequest("parameter \"amount\" is required") }
        let amount = Int64(LenientParse.integer(amountText))
        guard abs(amount) <= maxAmount else { throw APIError.badRequest("invalid amount specified") }
        let balance = try await call.engine.write { tx in
            try Subscriptions.renewDue(tx)
            guard userID > 0, let account = try tx.store.account(id: userID), !account.isDeleted else {
                throw APIError.badRequest("user not found")
            }
            let current = try tx.store.starBalance(accountID: account.id)
            let delta = max(amount, -current)
            let partner: TransactionPartner = .other(TransactionPartnerOther())
            return try StarLedger.post(
                delta, to: account.id, transactionID: StarLedger.newChargeID(prefix: "adm"), partner: partner, now: tx.now, in: tx.store)
        }
        return MethodResult(Int(balance))
    }
}
