import BotAPI
import Storage

/// Telegram Premium bought for a user with Stars (`giftPremiumSubscription`): the user is
/// premium (`is_premium`) until the gifted months run out, counted from the end of a
/// subscription already gifted. Months are 30 days. A subscription gifted here ends when
/// the world's clock reaches its end and the clock is moved, or another one is gifted.
enum PremiumGifts {
    /// The prices Telegram asks in Stars, by month count (the Bot API documentation's).
    static let prices: [Int: Int64] = [3: 1000, 6: 1500, 12: 2500]
    static let month: Int64 = 30 * 86_400

    /// `bot` gifts `months` of Premium to `user` for `starCount` Stars.
    static func gift(months: Int, starCount: Int64, to user: AccountRecord, from bot: AccountRecord, tx: Transaction) throws {
        try lapse(tx)
        guard let price = prices[months] else { throw APIError.badRequest("PREMIUM_GIFT_MONTHS_INVALID") }
        guard starCount == price else { throw APIError.badRequest("wrong Premium subscription price specified") }
        guard try GiftSettings.accepted(by: user.id, in: tx.store).premiumSubscription else { throw GiftSettings.refused }
        try StarLedger.post(
            -price, to: bot.id, transactionID: StarLedger.newChargeID(),
            partner: .user(TransactionPartnerUser(
                transactionType: "premium_purchase", user: Views.user(user), premiumSubscriptionDuration: months)),
            now: tx.now, in: tx.store)
        let current = try tx.store.premiumUntil(userID: user.id)
        // A user premium by other means (the admin's `is_premium`) keeps it; a gift adds its months.
        guard current != nil || !user.isPremium else { return }
        try tx.store.setPremiumUntil(userID: user.id, until: max(current ?? tx.now, tx.now) + Int64(months) * month)
        var updated = user
        updated.isPremium = true
        try tx.update(updated)
    }

    /// Ends the gifted subscriptions whose time is over.
    static func lapse(_ tx: Transaction) throws {
        for userID in try tx.store.premiumEnded(by: tx.now) {
            try tx.store.setPremiumUntil(userID: userID, until: nil)
            guard var account = try tx.store.account(id: userID), account.isPremium else { continue }
            account.isPremium = false
            try tx.update(account)
        }
    }
}

extension Engine {
    /// Ends the gifted Premium subscriptions the world's clock has passed (after `advanceTime`).
    func endLapsedPremium() async {
        let now = clock.now()
        do {
            guard try await store.read({ try !$0.premiumEnded(by: now).isEmpty }) else { return }
            try await write { tx in try PremiumGifts.lapse(tx) }
        } catch {
            // The next advance, or the next gift, tries again.
        }
    }
}
