import BotAPI
import Storage

/// `payInvoice` (user surface, USER-API.md): the user pays an invoice message
/// (`chat_id` + `message_id`) or an invoice link (`invoice_link`), giving what the invoice asks
/// for (`order_info`, `shipping_address`, `shipping_option_id`) and a `tip_amount`. The call
/// waits for the bot's answers to `shipping_query` (flexible invoices) and
/// `pre_checkout_query` (default 10 s each, parameter `timeout`) and answers with the
/// `successful_payment` message (see ``Checkout``). With an `order_info_id` from
/// `validateOrderInfo` (docs/user-api-extensions.md) the order information and shipping
/// options checked then are used: `shipping_option_id` picks one of those options, and the
/// bot is not asked for them again.
enum PayInvoice: APIMethod {
    static let name = "payInvoice"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        var chatId: ChatID?
        var messageId: Int?
        var invoiceLink: String?
        var shippingAddress: ShippingAddress?
        var shippingOptionId: String?
        var orderInfo: OrderInfo?
        var orderInfoId: String?
        var tipAmount: Int?
        var timeout: Double?

        enum CodingKeys: String, CodingKey {
            case chatId = "chat_id", messageId = "message_id", invoiceLink = "invoice_link", shippingAddress = "shipping_address"
            case shippingOptionId = "shipping_option_id", orderInfo = "order_info", orderInfoId = "order_info_id", tipAmount = "tip_amount", timeout
        }
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let (invoice, terms, bot) = try await Checkout.locate(
            chatID: p.chatId, messageID: p.messageId, link: p.invoiceLink, user: user, engine: call.engine)
        let request = Checkout.Request(
            invoice: invoice, terms: terms, bot: bot, shippingAddress: p.shippingAddress, shippingOptionID: p.shippingOptionId,
            orderInfo: p.orderInfo, tipAmount: Int64(p.tipAmount ?? 0), timeout: Checkout.timeout(p.timeout), orderInfoID: p.orderInfoId)
        return MethodResult(try await Checkout.pay(request, by: user, engine: call.engine))
    }
}
