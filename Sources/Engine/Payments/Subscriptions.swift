import BotAPI
import Foundation
import Storage

/// Star subscriptions, bought through a subscription invoice link or by joining a channel
/// through a subscription invite link (``ChatSubscriptions``): each renews when its period
/// ends, on the world's clock.
///
/// Nothing runs on a timer here: renewals happen on the next payment-related call after the
/// period ended (any payment method, `getMyStarBalance`, `getStarTransactions`, `addStars`…),
/// dated then, one charge per period that passed. A renewal the user can't pay for ends the
/// subscription.
enum Subscriptions {
    /// At most this many periods are charged at once (over 80 years of monthly renewals).
    static let maxRenewals = 1000

    /// Charges every subscription whose paid period ended.
    static func renewDue(_ tx: Transaction) throws {
        for payment in try tx.store.dueSubscriptions(now: tx.now) {
            try renew(payment, tx: tx)
        }
    }

    private static func renew(_ payment: PaymentRecord, tx: Transaction) throws {
        var payment = payment
        guard let period = payment.subscriptionPeriod, period > 0, var expires = payment.subscriptionExpiresAt else { return }
        let user = try tx.store.account(id: payment.userID)
        let bot = try tx.store.account(id: payment.botID)
        var renewals = 0
        if payment.chatID != nil {
            // A channel subscription: renewed while the user stays and pays.
            while expires <= tx.now {
                guard renewals < maxRenewals, let user, !user.isDeleted, let bot, !bot.isDeleted,
                      try ChatSubscriptions.renew(payment, user: user, creator: bot, tx: tx)
                else {
                    payment.subscriptionCanceled = true
                    break
                }
                expires += period
                renewals += 1
            }
            payment.subscriptionExpiresAt = expires
            try tx.store.save(payment)
            return
        }
        while expires <= tx.now {
            guard renewals < maxRenewals, let user, !user.isDeleted, let bot, !bot.isDeleted,
                  try tx.store.starBalance(accountID: user.id) >= payment.totalAmount
            else {
                // Not renewed: the subscription ends with its last paid period.
                payment.subscriptionCanceled = true
                break
            }
            expires += period
            renewals += 1
            let chargeID = StarLedger.newChargeID()
            try StarLedger.transfer(
                payment.totalAmount, from: user.id, to: bot.id, transactionID: chargeID,
                payerSees: StarLedger.partner(bot, kind: .invoicePayment),
                payeeSees: StarLedger.partner(
                    user, kind: .invoicePayment, invoicePayload: payment.payload, subscriptionPeriod: period),
                now: tx.now, in: tx.store)
            let providerChargeID = "\(user.id)_\(tx.now)_\(renewals)"
            // Each renewal is a payment of its own (refundable on its own), not a new subscription.
            try tx.store.save(PaymentRecord(
                chargeID: chargeID, botID: bot.id, userID: user.id, currency: payment.currency, totalAmount: payment.totalAmount,
                payload: payment.payload, date: tx.now, invoiceID: payment.invoiceID,
                details: PaymentDetails(providerChargeID: providerChargeID).encoded))
            var message = SuccessfulPayment(
                currency: payment.currency, totalAmount: Int(payment.totalAmount), invoicePayload: payment.payload,
                telegramPaymentChargeId: chargeID, providerPaymentChargeId: providerChargeID)
            message.subscriptionExpirationDate = Int(expires)
            message.isRecurring = true
            _ = try Checkout.postService(from: user, to: bot, tx: tx) { $0.successfulPayment = message }
        }
        payment.subscriptionExpiresAt = expires
        try tx.store.save(payment)
    }
}
