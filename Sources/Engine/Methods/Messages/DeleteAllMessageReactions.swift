import BotAPI
import Storage

/// `deleteAllMessageReactions` (bots and users): removes one account's reactions from every
/// message of a group, supergroup or channel where the caller may delete messages.
enum DeleteAllMessageReactions: APIMethod {
    static let name = "deleteAllMessageReactions"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let chatID = call.parameters["chat_id"].flatMap(ChatID.init(parsing:)) else { throw APIError.badRequest("chat_id is empty") }
        if let raw = call.parameters["user_id"], !raw.isEmpty, LenientParse.integer(raw) <= 0 {
            throw APIError.badRequest("invalid user_id specified")
        }
        let actor = call.account
        try await call.engine.write { tx in
            let chat = try ReactionRemoval.moderatedChat(chatID, actor: actor, now: tx.now, in: tx.store)
            guard let reactor = try ReactionRemoval.reactor(call, in: tx.store) else { return }
            for choice in try tx.store.choices(chatID: chat.id, actorID: reactor.id, kind: "reaction") {
                guard let stored = try ChatMessages.load(Int(choice.messageID), in: chat, from: tx.store) else { continue }
                try Reactions.set([], by: reactor, on: stored, chat: chat, caller: actor, tx: tx)
            }
        }
        return .true
    }
}
