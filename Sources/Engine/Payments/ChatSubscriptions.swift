import BotAPI
import Foundation
import Storage

/// Channel subscriptions: joining through a subscription invite link costs its price in
/// Stars, paid to the link's creator, and the same again every period while the user stays
/// (renewed by ``Subscriptions``, on the world's clock).
enum ChatSubscriptions {
    /// The only period Telegram offers: 30 days.
    static let period = 2_592_000
    /// Telegram's price range, in Stars a period.
    static let priceRange = 1...10_000

    /// Charges `user` for joining `group` through the subscription link `link`.
    static func subscribe(_ user: AccountRecord, through link: StoredInviteLink, in group: Group, tx: Transaction) throws {
        guard let price = link.subscriptionPrice, let period = link.subscriptionPeriod,
              let creator = try tx.store.account(id: link.creatorID), !creator.isDeleted
        else { throw APIError.badRequest("INVITE_HASH_EXPIRED") }
        let chargeID = StarLedger.newChargeID()
        try StarLedger.transfer(
            Int64(price), from: user.id, to: creator.id, transactionID: chargeID,
            payerSees: StarLedger.partner(creator, kind: .invoicePayment),
            payeeSees: StarLedger.partner(user, kind: .invoicePayment, subscriptionPeriod: Int64(period)), now: tx.now,
            in: tx.store)
        try tx.store.save(PaymentRecord(
            chargeID: chargeID, botID: creator.id, userID: user.id, currency: Stars.currency, totalAmount: Int64(price), payload: "",
            date: tx.now, subscriptionPeriod: Int64(period), subscriptionExpiresAt: tx.now + Int64(period), chatID: group.chat.id,
            details: PaymentDetails(providerChargeID: "").encoded))
    }

    /// One renewal of a channel subscription: false when it ends instead, because the user
    /// left or can't pay (then the user leaves the channel, as on Telegram).
    static func renew(_ payment: PaymentRecord, user: AccountRecord, creator: AccountRecord, tx: Transaction) throws -> Bool {
        guard let chatID = payment.chatID, var group = try Groups.load(internalID: chatID, in: tx.store) else { return false }
        guard try Groups.membership(of: user.id, in: group, now: tx.now, in: tx.store)?.isPresent == true else { return false }
        guard try tx.store.starBalance(accountID: user.id) >= payment.totalAmount else {
            try Membership.remove(user, from: &group, by: user, tx: tx)
            return false
        }
        let chargeID = StarLedger.newChargeID()
        try StarLedger.transfer(
            payment.totalAmount, from: user.id, to: creator.id, transactionID: chargeID,
            payerSees: StarLedger.partner(creator, kind: .invoicePayment),
            payeeSees: StarLedger.partner(user, kind: .invoicePayment, subscriptionPeriod: payment.subscriptionPeriod), now: tx.now,
            in: tx.store)
        return true
    }

    /// The checked terms of a new subscription link.
    static func terms(period: Int, price: Int) throws -> (period: Int, price: Int) {
        if period != self.period { throw APIError.badRequest("SUBSCRIPTION_PERIOD_INVALID") }
        if !priceRange.contains(price) { throw APIError.badRequest("SUBSCRIPTION_PRICE_INVALID") }
        return (period, price)
    }
}
