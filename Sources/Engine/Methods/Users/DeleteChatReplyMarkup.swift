import BotAPI
import Storage

/// `deleteChatReplyMarkup` (users, TDLib's method of that name): the person's app used the
/// chat's reply markup that message `message_id` brought — pressed a button of a one-time
/// keyboard, or answered a forced reply — so the chat no longer shows it after a reload
/// (`getChats`). A newer markup, or none, is left as it is.
enum DeleteChatReplyMarkup: APIMethod {
    static let name = "deleteChatReplyMarkup"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let chat_id: ChatID
        let message_id: Int
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        if call.parameters["chat_id"] == nil { throw APIError.badRequest("chat_id is empty") }
        let p: Parameters = try call.decode()
        let user = call.account
        try await call.engine.write { tx in
            let open = try ChatHistory.chat(p.chat_id, for: user, now: tx.now, in: tx.store)
            try ChatReplyMarkups.used(messageID: Int64(p.message_id), by: user.id, in: open.chat, tx: tx.store)
        }
        return .true
    }
}
