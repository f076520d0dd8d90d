import BotAPI
import Storage

/// Chat actions ("typing…") as people's push channels see them: `chat_action` events with
/// `{"chat": Chat, "from": User, "action": String, "message_thread_id"?: Integer}`, the chat
/// as each recipient calls it. Only people get them (bots never see chat actions), and only
/// while a channel is open: actions are not stored.
enum ChatActions {
    /// Who sees an action, and the chat as they call it.
    struct Audience: Sendable {
        var recipients: [Int64] = []
        /// The chat as every recipient calls it (a group is the same for everyone; a private
        /// chat is named after the actor, its only recipient).
        var chat: Chat?
    }

    /// The other party of a private chat, if a person.
    static func audience(privateChatOf actor: AccountRecord, with peer: AccountRecord) -> Audience {
        guard !peer.isBot, !peer.isDeleted, peer.id != actor.id else { return Audience() }
        return Audience(recipients: [peer.id], chat: Views.privateChat(with: actor))
    }

    /// The people present in a group besides the actor.
    static func audience(of group: Group, besides actor: AccountRecord, now: Int64, in tx: any StoreReader) throws -> Audience {
        var audience = Audience(chat: Groups.view(group))
        for member in try Groups.presentMembers(of: group, now: now, in: tx) where member.accountID != actor.id {
            if let account = try tx.account(id: member.accountID), !account.isBot { audience.recipients.append(account.id) }
        }
        return audience
    }

    struct Event: JSONWritable {
        let chat: Chat
        let from: User
        let action: String
        let threadID: Int?

        func writeJSON(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("chat", chat)
            writer.member("from", from)
            writer.member("action", action)
            writer.optionalMember("message_thread_id", threadID)
            writer.endObject()
        }
    }
}

extension Engine {
    /// Passes a chat action to the audience's open push channels.
    func announce(_ action: String, by actor: AccountRecord, threadID: Int?, to audience: ChatActions.Audience) {
        guard let chat = audience.chat, !audience.recipients.isEmpty else { return }
        let event = ChatActions.Event(chat: chat, from: Views.user(actor), action: action, threadID: threadID)
        push.send(.event(PushEvent(name: "chat_action", id: nil, data: event.jsonBytes)), to: audience.recipients)
    }
}
