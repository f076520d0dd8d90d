import BotAPI
import Storage

/// `setMessageReaction` for bots and users: replaces the caller's reactions on a message.
/// Bots in the chat that asked for `message_reaction` get the old and new lists.
enum SetMessageReaction: APIMethod {
    static let name = "setMessageReaction"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        if call.parameters["chat_id"] == nil { throw APIError.badRequest("chat_id is empty") }
        guard let rawID = call.parameters["message_id"], LenientParse.integer(rawID) > 0 else {
            throw APIError.badRequest("message to react not found")
        }
        let actor = call.account
        let reactions = try Reactions.validated(try Reactions.parse(call.parameters["reaction"]), by: actor)
        // The reaction list was checked above, with its own errors; the rest decodes as usual.
        let p: SetMessageReactionParameters = try call.replacing("reaction", with: "[]").decode()
        try await call.engine.write { tx in
            let chat = try MessageEditing.actingChat(p.chatId, actor: actor, now: tx.now, in: tx.store).chat
            guard let stored = try ChatMessages.load(p.messageId, in: chat, from: tx.store), Forwarding.hasContent(stored.message) else {
                throw APIError.badRequest("message to react not found")
            }
            try Reactions.set(reactions, by: actor, on: stored, chat: chat, tx: tx)
        }
        return .true
    }
}
