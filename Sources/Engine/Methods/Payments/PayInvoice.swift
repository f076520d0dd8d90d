import BotAPI
import Storage

/// `payInvoice` (user surface, USER-API.md): the user pays an invoice message
/// (`chat_id` + `message_id`) or an invoice link (`invoice_link`), giving what the invoice asks
/// for (`order_info`, `shipping_address`, `shipping_option_id`) and a `tip_amount`. The call
/// waits for the bot's answers to `shipping_query` (flexible invoices) and
/// `pre_checkout_query` (default 10 s each, parameter `timeout`) and answers with the
/// `successful_payment` message (see ``Checkout``).
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
        var tipAmount: Int?
        var timeout: Double?

        enum CodingKeys: String, CodingKey {
            case chatId = "chat_id", messageId = "message_id", invoiceLink = "invoice_link", shippingAddress = "shipping_address"
            case shippingOptionId = "shipping_option_id", orderInfo = "order_info", tipAmount = "tip_amount", timeout
        }
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let now = call.engine.clock.now()
        let (invoice, bot) = try await call.engine.store.read { store -> (InvoiceRecord, AccountRecord) in
            let invoice: InvoiceRecord
            if let link = p.invoiceLink {
                guard let slug = Checkout.slug(inLink: link), let found = try store.invoice(slug: slug) else {
                    throw APIError.badRequest("SLUG_INVALID")
                }
                invoice = found
            } else {
                guard let chatID = p.chatId else { throw APIError.badRequest("parameter \"invoice_link\" is required") }
                let chat = try MessageEditing.actingChat(chatID, actor: user, now: now, in: store).chat
                guard let messageID = p.messageId, messageID > 0,
                      let found = try store.invoice(chatID: chat.id, messageID: Int64(messageID)),
                      try store.message(chatID: chat.id, messageID: Int64(messageID)) != nil
                else { throw APIError.badRequest("MESSAGE_ID_INVALID") }
                invoice = found
            }
            guard let bot = try store.account(id: invoice.botID), bot.isBot, !bot.isDeleted else { throw APIError.badRequest("BOT_INVALID") }
            return (invoice, bot)
        }
        let timeout = min(max(p.timeout ?? Checkout.defaultTimeout, 0), Checkout.lifetime)
        let request = Checkout.Request(
            invoice: invoice, terms: try InvoiceTerms.decode(invoice.terms), bot: bot, shippingAddress: p.shippingAddress,
            shippingOptionID: p.shippingOptionId, orderInfo: p.orderInfo, tipAmount: Int64(p.tipAmount ?? 0),
            timeout: .milliseconds(Int(timeout * 1000)))
        return MethodResult(try await Checkout.pay(request, by: user, engine: call.engine))
    }
}
