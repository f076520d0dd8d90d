import BotAPI
import Foundation
import Storage

/// Messages already in a chat, as one of its members sees them: where editing, deleting,
/// forwarding, copying and pressing buttons start.
///
/// A message is stored once, as its sender saw it. In a private chat each party calls the
/// chat by the other's id, so ``view(_:for:)`` rewrites the chat (and that of the message
/// it replies to) for whoever looks at it.
enum ChatMessages {
    /// A stored message with its decoded content.
    struct Stored {
        var record: MessageRecord
        var message: Message
    }

    /// The chat, private or group, that `viewer` calls `chatID`. Presence in a group is not
    /// checked here: methods that act on messages check it (``MessageEditing/actingChat(_:actor:now:in:)``).
    static func chat(_ chatID: ChatID, viewer: AccountRecord, in tx: any StoreReader) throws -> ChatRecord {
        switch try Outbox.destination(chatID, from: viewer, in: tx) {
        case .group(let group):
            return group.chat
        case .privateChat(let peer):
            guard let chat = try tx.privateChat(between: viewer.id, and: peer.id) else { throw APIError.badRequest("chat not found") }
            return chat
        }
    }

    /// The message `messageID` of `chat`, or nil if it never existed or was deleted.
    static func load(_ messageID: Int, in chat: ChatRecord, from tx: any StoreReader) throws -> Stored? {
        guard messageID > 0, let record = try tx.message(chatID: chat.id, messageID: Int64(messageID)) else { return nil }
        return Stored(record: record, message: try JSONDecoder().decode(Message.self, from: record.content))
    }

    /// Writes a changed message back; `message` is still as its sender sees it.
    static func save(_ stored: Stored, in tx: any StoreWriter) throws {
        var record = stored.record
        record.content = Data(stored.message.jsonBytes)
        record.editDate = stored.message.editDate.map(Int64.init)
        try tx.update(record)
    }

    /// `message` as `viewer` sees it: in a private chat, the chat is the other party.
    static func view(_ message: Message, in chat: ChatRecord, for viewer: AccountRecord, in tx: any StoreReader) throws -> Message {
        guard chat.kind == .private else { return message }
        let otherID = PrivateChats.chatIDSeen(by: viewer, in: chat)
        guard Int(otherID) != message.chat.id, let other = try tx.account(id: otherID) else { return message }
        return PrivateChats.view(message, for: viewer, chatWith: other)
    }

    /// The members of `chat` other than `actor` who get updates about its messages.
    static func otherMembers(of chat: ChatRecord, besides actor: AccountRecord, in tx: any StoreReader) throws -> [AccountRecord] {
        guard chat.kind == .private else {
            guard let group = try Groups.load(internalID: chat.id, in: tx) else { return [] }
            // Bots in privacy mode are told only about what they were allowed to see.
            return try tx.members(chatID: chat.id).compactMap { member in
                guard member.isPresent, member.accountID != actor.id, let account = try tx.account(id: member.accountID) else { return nil }
                if account.isBot && !(group.isChannel ? member.isAdministrator : (account.canReadAllGroupMessages || member.isAdministrator)) {
                    return nil
                }
                return account
            }
        }
        let otherID = PrivateChats.chatIDSeen(by: actor, in: chat)
        guard otherID != actor.id, let other = try tx.account(id: otherID) else { return [] }
        return [other]
    }

    /// Tells the chat's other members that `message` changed: `edited_message`, or
    /// `edited_channel_post` in a channel, each as its recipient sees the message.
    static func announceEdit(_ message: Message, in chat: ChatRecord, by actor: AccountRecord, tx: Transaction) throws {
        try announceEdit(message, in: chat, to: try otherMembers(of: chat, besides: actor, in: tx.store), senderID: actor.id, tx: tx)
    }

    /// ``announceEdit(_:in:by:tx:)`` to the given `recipients`; `senderID` is the message's
    /// sender (whose quizzes keep their answer visible to them).
    static func announceEdit(_ message: Message, in chat: ChatRecord, to recipients: [AccountRecord], senderID: Int64, tx: Transaction) throws {
        let kind = UpdateDelivery.MessageKind.edited(inChannel: chat.kind == .channel)
        for member in recipients {
            var seen = try view(message, in: chat, for: member, in: tx.store)
            if let poll = seen.poll {
                // An edited quiz (its keyboard, say) must not reveal the answer to those who haven't voted.
                let answered = try Polls.answerIDs(of: member.id, messageID: message.messageId, in: chat, from: tx.store) != nil
                seen.poll = Polls.view(poll, for: member, senderID: senderID, hasAnswered: answered)
            }
            // Ordered with new messages (in the chat as the recipient sees it), so an edit never overtakes them.
            try tx.enqueue(.message(kind, chat: Int64(seen.chat.id), seen.jsonBytes), for: member.id)
            try Visibility.received(seen, by: member, in: tx.store)
        }
    }
}
