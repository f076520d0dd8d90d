import BotAPI

/// A shipping option a bot offered in `answerShippingQuery`, kept in storable form.
struct ShippingChoice: Codable, Sendable, Equatable {
    var id: String
    var title: String
    var prices: [PriceLine]

    var total: Int64 { prices.total }
}

/// What a bot answered to a `shipping_query`.
enum ShippingAnswer: Sendable, Equatable, Codable {
    case options([ShippingChoice])
    case refused(String)
}

/// What a bot answered to a `pre_checkout_query`.
enum PreCheckoutAnswer: Sendable, Equatable, Codable {
    case ok
    case refused(String)
}

/// The queries of payments in progress, each waited for by the paying user's `payInvoice`
/// (see ``PendingAnswers``). Shipping and pre-checkout ids are kept apart, so a bot can't
/// answer one kind with the other's method.
final class PaymentQueries: Sendable {
    let shipping = PendingAnswers<ShippingAnswer>(kind: .shipping)
    let preCheckout = PendingAnswers<PreCheckoutAnswer>(kind: .preCheckout)

    /// Ends every wait of `userID` on this instance without an answer (its token was
    /// revoked, or it was deleted). Its validated orders go in that transaction
    /// (``Transaction/update(_:endsSessions:)``).
    func endWaits(of userID: Int64) {
        shipping.endWaits(of: userID)
        preCheckout.endWaits(of: userID)
    }

    /// The official answer to a query id that is unknown, answered already or no longer waited for.
    static let expired = APIError.badRequest("query is too old and response timeout expired or query ID is invalid")
}
