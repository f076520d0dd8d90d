import BotAPI
import Storage

/// Removing other accounts' reactions (deleteMessageReaction, deleteAllMessageReactions):
/// for administrators of a group, supergroup or channel who may delete messages. Bots that
/// asked for `message_reaction` learn of each removal as of any change.
enum ReactionRemoval {
    /// The chat `chatID` names, once `actor` is present in it with the right to delete
    /// others' messages (basic groups: any administrator bot, as for deleting messages).
    static func moderatedChat(_ chatID: ChatID, actor: AccountRecord, now: Int64, in tx: any StoreReader) throws -> ChatRecord {
        let (chat, member) = try MessageEditing.actingChat(chatID, actor: actor, now: now, in: tx)
        guard chat.kind.isGroupLike, let member else { throw APIError.badRequest("CHAT_ADMIN_REQUIRED") }
        let allowed = member.status == .creator || member.decodedDetails.rights?.canDeleteMessages == true
            || (chat.kind == .group && member.isAdministrator)
        guard allowed else { throw APIError.badRequest("CHAT_ADMIN_REQUIRED") }
        return chat
    }

    /// The reacting account of a call: `user_id` (any account, unknown ones react nowhere),
    /// or nil for `actor_chat_id`, since only accounts react here.
    static func reactor(_ call: MethodCall, in tx: any StoreReader) throws -> AccountRecord? {
        guard let raw = call.parameters["user_id"], !raw.isEmpty else { return nil }
        let id = LenientParse.integer(raw)
        guard id > 0 else { throw APIError.badRequest("invalid user_id specified") }
        return try tx.account(id: Int64(id))
    }
}
