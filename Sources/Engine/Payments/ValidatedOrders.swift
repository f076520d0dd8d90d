import BotAPI
import Foundation
import Storage

/// Order information a user had checked with `validateOrderInfo`, and the shipping options
/// the bot offered for it, kept under an `order_info_id` until `payInvoice` uses it (TDLib's
/// `validateOrderInfo` → `sendPaymentForm(order_info_id, shipping_option_id)`). The payment
/// then charges the option the user chose without asking the bot again.
///
/// Kept in the store (``QueryRecord/Kind/order``), so `payInvoice` may come through another
/// server instance than `validateOrderInfo`. An id expires after ``lifetime``, is forgotten
/// once paid with or when its user's token ends, and each user keeps at most ``maxPerUser``
/// ids (the oldest go first), so what clients leave behind stays small.
enum ValidatedOrders {
    /// One validated order.
    struct Order: Sendable, Equatable {
        let userID: Int64
        /// The invoice (``InvoiceRecord/id``) the order information was checked for.
        let invoiceID: Int64
        let orderInfo: OrderInfo?
        /// What the bot answered to the `shipping_query`; empty when the invoice isn't flexible.
        let shippingOptions: [ShippingChoice]
    }

    /// What the store keeps of an order besides its user (``QueryRecord/answer``).
    private struct Stored: Codable {
        var invoiceID: Int64
        /// The `OrderInfo` JSON, if any was asked for.
        var orderInfo: Data?
        var shippingOptions: [ShippingChoice]
    }

    /// How long an `order_info_id` can be paid with, in seconds.
    static let lifetime: Int64 = 3600
    static let maxPerUser = 20

    /// Keeps `order`, checked for an invoice of `botID`, and returns its new id.
    static func keep(_ order: Order, botID: Int64, in tx: Transaction) throws -> String {
        let id = Invoices.newSlug()
        try tx.store.deleteExpiredQueries(now: tx.now, limit: 100)
        let own = try tx.store.queries(kind: .order, userID: order.userID, now: tx.now)
        for old in own.prefix(max(0, own.count - maxPerUser + 1)) { try tx.store.deleteQuery(kind: .order, id: old.id) }
        let stored = Stored(invoiceID: order.invoiceID, orderInfo: order.orderInfo.map { Data($0.jsonBytes) }, shippingOptions: order.shippingOptions)
        try tx.store.save(QueryRecord(
            kind: .order, id: id, botID: botID, userID: order.userID, expiresAt: tx.now + lifetime, answer: try JSONEncoder().encode(stored)))
        return id
    }

    /// The order `id` of `userID` for `invoiceID`, unless unknown, expired or someone else's.
    static func order(_ id: String, userID: Int64, invoiceID: Int64, now: Int64, in store: any StoreReader) throws -> Order? {
        guard let record = try store.query(kind: .order, id: id, now: now), record.userID == userID, let data = record.answer,
              let stored = try? JSONDecoder().decode(Stored.self, from: data), stored.invoiceID == invoiceID
        else { return nil }
        let orderInfo = try stored.orderInfo.map { try JSONDecoder().decode(OrderInfo.self, from: $0) }
        return Order(userID: userID, invoiceID: invoiceID, orderInfo: orderInfo, shippingOptions: stored.shippingOptions)
    }

    /// Forgets `id` (its payment was made).
    static func forget(_ id: String, in tx: Transaction) throws {
        try tx.store.deleteQuery(kind: .order, id: id)
    }
}

/// `validateOrderInfo`'s answer: `{"order_info_id", "shipping_options"}`, each option a
/// Bot API `ShippingOption`.
struct ValidatedOrderView: JSONWritable {
    let id: String
    let options: [ShippingChoice]

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("order_info_id", id)
        writer.member("shipping_options", options.map { ShippingOption(id: $0.id, title: $0.title, prices: $0.prices.map(\.labeledPrice)) })
        writer.endObject()
    }
}

/// `getPaymentForm`'s answer: what the invoice costs and asks for, as TDLib's `paymentForm`
/// tells a client before it draws the form.
struct PaymentFormView: JSONWritable {
    let terms: InvoiceTerms
    let bot: AccountRecord
    /// The user's Stars, for a Stars invoice.
    let starBalance: Int64?

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("bot", Views.user(bot))
        writer.member("title", terms.title)
        writer.member("description", terms.description)
        writer.optionalMember("photo_url", terms.photoURL)
        writer.member("currency", terms.currency)
        writer.member("prices", terms.prices.map(\.labeledPrice))
        writer.member("total_amount", Int(terms.total))
        writer.member("max_tip_amount", Int(terms.maxTipAmount))
        writer.member("suggested_tip_amounts", terms.suggestedTipAmounts.map { Int($0) })
        writer.member("need_name", terms.needName)
        writer.member("need_phone_number", terms.needPhoneNumber)
        writer.member("need_email", terms.needEmail)
        writer.member("need_shipping_address", terms.needShippingAddress)
        writer.member("is_flexible", terms.isFlexible)
        writer.member("is_stars", terms.isStars)
        if let period = terms.subscriptionPeriod { writer.member("subscription_period", Int(period)) }
        if let starBalance { writer.member("star_balance", Int(starBalance)) }
        writer.endObject()
    }
}
