import BotAPI
import Storage

/// `deleteMessageReaction` (bots and users): removes one account's reactions from a message
/// in a group, supergroup or channel where the caller may delete messages. Reactions by
/// chats (`actor_chat_id`) don't exist here, so those calls change nothing.
enum DeleteMessageReaction: APIMethod {
    static let name = "deleteMessageReaction"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let chatID = call.parameters["chat_id"].flatMap(ChatID.init(parsing:)) else { throw APIError.badRequest("chat_id is empty") }
        let notFound = APIError.badRequest("message to delete reactions not found")
        guard let rawID = call.parameters["message_id"], LenientParse.integer(rawID) > 0 else { throw notFound }
        if let raw = call.parameters["user_id"], !raw.isEmpty, LenientParse.integer(raw) <= 0 {
            throw APIError.badRequest("invalid user_id specified")
        }
        let messageID = LenientParse.integer(rawID)
        let actor = call.account
        try await call.engine.write { tx in
            let chat = try ChatMessages.chat(chatID, viewer: actor, in: tx.store)
            guard let stored = try ChatMessages.load(messageID, in: chat, from: tx.store), Forwarding.hasContent(stored.message) else {
                throw notFound
            }
            _ = try ReactionRemoval.moderatedChat(chatID, actor: actor, now: tx.now, in: tx.store)
            guard let reactor = try ReactionRemoval.reactor(call, in: tx.store) else { return }
            try Reactions.set([], by: reactor, on: stored, chat: chat, caller: actor, tx: tx)
        }
        return .true
    }
}
