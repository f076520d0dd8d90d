import BotAPI
import Storage

/// `validateOrderInfo` (user surface, docs/user-api-extensions.md): checks the order
/// information (`order_info`, or `shipping_address` alone) for an invoice message or link as
/// `payInvoice` does, and for a flexible invoice sends the bot a `shipping_query` and waits
/// (parameter `timeout`, default 10 s) for its `answerShippingQuery`. Answers
/// `{"order_info_id", "shipping_options"}`; `payInvoice` with that `order_info_id` and one of
/// the options' `shipping_option_id` pays without asking the bot again (TDLib's
/// `validateOrderInfo`).
enum ValidateOrderInfo: APIMethod {
    static let name = "validateOrderInfo"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        var chatId: ChatID?
        var messageId: Int?
        var invoiceLink: String?
        var orderInfo: OrderInfo?
        var shippingAddress: ShippingAddress?
        var timeout: Double?

        enum CodingKeys: String, CodingKey {
            case chatId = "chat_id", messageId = "message_id", invoiceLink = "invoice_link", orderInfo = "order_info"
            case shippingAddress = "shipping_address", timeout
        }
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let (invoice, terms, bot) = try await Checkout.locate(
            chatID: p.chatId, messageID: p.messageId, link: p.invoiceLink, user: user, engine: call.engine)
        let request = Checkout.Request(
            invoice: invoice, terms: terms, bot: bot, shippingAddress: p.shippingAddress, shippingOptionID: nil,
            orderInfo: p.orderInfo, tipAmount: 0, timeout: Checkout.timeout(p.timeout))
        return MethodResult(try await Checkout.validate(request, by: user, engine: call.engine))
    }
}
