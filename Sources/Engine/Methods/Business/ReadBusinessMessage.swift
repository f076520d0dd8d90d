import BotAPI
import Storage

/// `readBusinessMessage`: marks a message the business account received as read, with the
/// messages before it (right `can_read_messages`); the account's chat list shows them read.
enum ReadBusinessMessage: APIMethod {
    static let name = "readBusinessMessage"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try BusinessMessages.chatID(of: call)
        let bot = call.account
        let id = call.businessConnectionID
        let messageID = Int64(call.parameters["message_id"].map(LenientParse.integer) ?? 0)
        try await call.engine.write { tx in
            let (access, chat) = try BusinessMessages.chat(chatID, connectionID: id, bot: bot, requiring: .readMessages, in: tx.store)
            // TDLib's check of the id, then Telegram's answer for a message that isn't there (guess).
            guard messageID > 0 else { throw APIError.badRequest("invalid message identifier specified") }
            guard try tx.store.message(chatID: chat.id, messageID: messageID) != nil else { throw APIError.badRequest("MESSAGE_ID_INVALID") }
            try ChatHistory.markRead(upTo: messageID, by: access.user.id, in: chat, tx: tx.store)
        }
        return .true
    }
}
