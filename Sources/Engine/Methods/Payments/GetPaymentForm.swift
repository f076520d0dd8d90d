import BotAPI
import Storage

/// `getPaymentForm` (user surface, docs/user-api-extensions.md): what paying an invoice
/// message (`chat_id` + `message_id`) or an invoice link (`invoice_link`) involves, before
/// paying: title, description, currency, price lines and total, tips, the order information
/// it asks for (`need_*`), whether shipping is flexible, and for Stars the user's balance
/// (TDLib's `getPaymentForm`).
enum GetPaymentForm: APIMethod {
    static let name = "getPaymentForm"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        var chatId: ChatID?
        var messageId: Int?
        var invoiceLink: String?

        enum CodingKeys: String, CodingKey {
            case chatId = "chat_id", messageId = "message_id", invoiceLink = "invoice_link"
        }
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let (_, terms, bot) = try await Checkout.locate(
            chatID: p.chatId, messageID: p.messageId, link: p.invoiceLink, user: user, engine: call.engine)
        let balance = terms.isStars ? try await call.engine.store.read { try $0.starBalance(accountID: user.id) } : nil
        return MethodResult(PaymentFormView(terms: terms, bot: bot, starBalance: balance))
    }
}
