import BotAPI
import Storage

/// `buyPaidMedia` (user surface, docs/user-api-extensions.md): the user pays the Stars a
/// paid-media message asks for and gets its real photos and videos; the bot gets
/// `purchased_paid_media` (see ``PaidMediaSales``). Answers the message as the user now sees it.
enum BuyPaidMedia: APIMethod {
    static let name = "buyPaidMedia"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        var chatId: ChatID
        var messageId: Int?

        enum CodingKeys: String, CodingKey {
            case chatId = "chat_id", messageId = "message_id"
        }
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let message = try await call.engine.write { tx in
            try Subscriptions.renewDue(tx)
            let chat = try MessageEditing.actingChat(p.chatId, actor: user, now: tx.now, in: tx.store).chat
            return try PaidMediaSales.buy(p.messageId ?? 0, in: chat, by: user, tx: tx)
        }
        return MethodResult(message)
    }
}
