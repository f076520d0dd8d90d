import BotAPI
import Storage

/// `stopMessageGeneration` (user surface, docs/user-api-extensions.md): the user presses
/// Stop on a bot's draft shown with `can_stop`; the bot gets `stopped_message_generation`.
enum StopMessageGeneration: APIMethod {
    static let name = "stopMessageGeneration"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let rawChat = call.parameters["chat_id"], !rawChat.isEmpty else { throw APIError.badRequest("chat_id is empty") }
        guard let chatID = ChatID(parsing: rawChat) else { throw APIError.badRequest("chat not found") }
        let draftID = try MessageDrafts.draftID(call)
        let user = call.account
        try await call.engine.write { tx in
            try MessageDrafts.stop(draftID: draftID, botChatID: chatID, by: user, tx: tx)
        }
        return .true
    }
}
