import BotAPI
import Storage
import Synchronization

/// Order information a user had checked with `validateOrderInfo`, and the shipping options
/// the bot offered for it, kept under an `order_info_id` until `payInvoice` uses it (TDLib's
/// `validateOrderInfo` → `sendPaymentForm(order_info_id, shipping_option_id)`). The payment
/// then charges the option the user chose without asking the bot again.
///
/// In memory on purpose, like ``PendingAnswers``: an id only matters to a client of this
/// process, and it expires after ``lifetime``. Each user keeps at most ``maxPerUser`` ids
/// (the oldest go first), so the registry stays small whatever clients do.
final class ValidatedOrders: Sendable {
    /// One validated order.
    struct Order: Sendable, Equatable {
        let userID: Int64
        /// The invoice (``InvoiceRecord/id``) the order information was checked for.
        let invoiceID: Int64
        let orderInfo: OrderInfo?
        /// What the bot answered to the `shipping_query`; empty when the invoice isn't flexible.
        let shippingOptions: [ShippingChoice]
        let expiresAt: Int64
    }

    /// How long an `order_info_id` can be paid with, in seconds.
    static let lifetime: Int64 = 3600
    static let maxPerUser = 20

    private let orders = Mutex<[String: Order]>([:])

    init() {}

    /// Keeps `order` and returns its new id.
    func keep(_ order: Order, now: Int64) -> String {
        let id = Invoices.newSlug()
        orders.withLock { orders in
            orders = orders.filter { $0.value.expiresAt > now }
            let own = orders.filter { $0.value.userID == order.userID }.sorted { $0.value.expiresAt < $1.value.expiresAt }
            for old in own.prefix(max(0, own.count - Self.maxPerUser + 1)) { orders[old.key] = nil }
            orders[id] = order
        }
        return id
    }

    /// The order `id` of `userID` for `invoiceID`, unless unknown, expired or someone else's.
    func order(_ id: String, userID: Int64, invoiceID: Int64, now: Int64) -> Order? {
        orders.withLock { orders in
            guard let order = orders[id], order.expiresAt > now else {
                orders[id] = nil
                return nil
            }
            return order.userID == userID && order.invoiceID == invoiceID ? order : nil
        }
    }

    /// Forgets `id` (its payment was made).
    func forget(_ id: String) {
        _ = orders.withLock { $0.removeValue(forKey: id) }
    }

    /// Forgets every order of `userID` (its token was revoked, or it was deleted).
    func forgetAll(of userID: Int64) {
        orders.withLock { orders in orders = orders.filter { $0.value.userID != userID } }
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
