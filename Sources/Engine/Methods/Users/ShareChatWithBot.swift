import BotAPI
import Storage

/// `shareChatWithBot` (users, TDLib's method of that name): answers a reply keyboard's
/// `request_chat` button of `bot_id` (or `bot_username`) with the group, supergroup or
/// channel `shared_chat_id` the user is in; the bot gets the `chat_shared` service message,
/// after being added or promoted when the button asks for that (see ``PeerRequests``).
/// Answers the message.
enum ShareChatWithBot: APIMethod {
    static let name = "shareChatWithBot"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let bot_id: Int64?
        let bot_username: String?
        let request_id: Int
        let shared_chat_id: ChatID
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let message = try await call.engine.write { tx in
            let bot = try StartBot.bot(id: p.bot_id, username: p.bot_username, in: tx.store)
            return try PeerRequests.shareChat(p.shared_chat_id, requestID: p.request_id, from: user, to: bot, tx: tx)
        }
        return MethodResult(message)
    }
}
