import BotAPI
import Storage

/// `editUserStarSubscription` (bots): cancels (`is_canceled` true) or re-enables the renewal
/// of a user's Star subscription to the bot, named by its first payment's
/// `telegram_payment_charge_id`. A subscription whose paid period is over can't be re-enabled.
enum EditUserStarSubscription: APIMethod {
    static let name = "editUserStarSubscription"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let userText = call.parameters["user_id"] else { throw APIError.badRequest("invalid user_id specified") }
        let userID = Int64(LenientParse.integer(userText))
        let chargeID = call.parameters["telegram_payment_charge_id"] ?? ""
        let canceled = call.parameters["is_canceled"].map(LenientParse.bool) ?? false
        let bot = call.account
        try await call.engine.write { tx in
            try Subscriptions.renewDue(tx)
            guard userID > 0, let user = try Visibility.account(id: userID, viewer: bot, in: tx.store), !user.isBot else {
                throw APIError.badRequest("user not found")
            }
            guard var payment = try tx.store.payment(chargeID: chargeID), payment.botID == bot.id, payment.userID == user.id,
                  payment.subscriptionPeriod != nil, payment.chatID == nil
            else { throw APIError.badRequest("CHARGE_NOT_FOUND") }
            if !canceled, payment.isRefunded || (payment.subscriptionExpiresAt ?? 0) <= tx.now {
                throw APIError.badRequest("SUBSCRIPTION_EXPIRED")
            }
            payment.subscriptionCanceled = canceled
            try tx.store.save(payment)
        }
        return .true
    }
}
