import BotAPI
import Storage

/// `refundStarPayment` (bots): gives a user back the Stars of one of their payments to the
/// bot. The bot's balance must cover it; the user gets the Stars back and the bot the
/// `refunded_payment` message. A payment is refunded once ("CHARGE_ALREADY_REFUNDED"), and a
/// refunded subscription is not renewed.
enum RefundStarPayment: APIMethod {
    static let name = "refundStarPayment"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let userText = call.parameters["user_id"] else { throw APIError.badRequest("invalid user_id specified") }
        let userID = Int64(LenientParse.integer(userText))
        guard let chargeID = call.parameters["telegram_payment_charge_id"] else {
            throw APIError.badRequest("parameter \"telegram_payment_charge_id\" is required")
        }
        let bot = call.account
        try await call.engine.write { tx in
            try Subscriptions.renewDue(tx)
            guard userID > 0, let user = try Visibility.account(id: userID, viewer: bot, in: tx.store), !user.isBot else {
                throw APIError.badRequest("user not found")
            }
            guard var payment = try tx.store.payment(chargeID: chargeID), payment.botID == bot.id, payment.userID == user.id,
                  payment.currency == Stars.currency, payment.chatID == nil
            else { throw APIError.badRequest("CHARGE_NOT_FOUND") }
            if payment.isRefunded { throw APIError.badRequest("CHARGE_ALREADY_REFUNDED") }
            try StarLedger.transfer(
                payment.totalAmount, from: bot.id, to: user.id, transactionID: chargeID,
                payerSees: StarLedger.partner(user, kind: .invoicePayment, invoicePayload: payment.payload),
                payeeSees: StarLedger.partner(bot, kind: .invoicePayment), now: tx.now, in: tx.store)
            payment.isRefunded = true
            try tx.store.save(payment)
            let details = PaymentDetails.decode(payment.details)
            let refund = RefundedPayment(
                currency: payment.currency, totalAmount: Int(payment.totalAmount), invoicePayload: payment.payload,
                telegramPaymentChargeId: chargeID, providerPaymentChargeId: details.providerChargeID.isEmpty ? nil : details.providerChargeID)
            _ = try Checkout.postService(from: user, to: bot, tx: tx) { $0.refundedPayment = refund }
        }
        return .true
    }
}
