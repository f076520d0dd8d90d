import BotAPI
import Foundation
import Storage

/// The user surface's view of chats as a client lists them (`getChats`, `getChatHistory`,
/// `readChatHistory`): which chats a user has, their messages as the user sees them, and how
/// far the user has read.
enum ChatHistory {
    /// A chat the user can open: private (with ``peer``) or a group, supergroup or channel.
    struct OpenChat {
        var chat: ChatRecord
        var peer: AccountRecord?
        var group: Group?
        var member: MemberRecord?

        /// The chat as the user sees it.
        var view: Chat {
            if let group { return Groups.view(group) }
            return peer.map(Views.privateChat(with:)) ?? Chat(id: 0, type: "private")
        }
    }

    /// The store's chat list queries.
    static func lists(_ tx: any StoreReader) throws -> any ChatListReader {
        guard let reader = tx as? any ChatListReader else { throw ChatListsUnsupported() }
        return reader
    }

    /// The store does not implement ``ChatListReader`` (a 500 with a logged reference).
    struct ChatListsUnsupported: Error {}

    /// Every chat `user` has: private chats, and groups, supergroups and channels the user
    /// is a present member of.
    static func chats(of user: AccountRecord, now: Int64, in tx: any StoreReader) throws -> [OpenChat] {
        let lists = try lists(tx)
        var chats: [OpenChat] = []
        for chat in try lists.privateChats(of: user.id) {
            let peerID = PrivateChats.chatIDSeen(by: user, in: chat)
            guard let peer = try tx.account(id: peerID) else { continue }
            chats.append(OpenChat(chat: chat, peer: peer))
        }
        for membership in try lists.memberships(of: user.id) {
            guard let group = try Groups.load(internalID: membership.chatID, in: tx),
                  let member = try Groups.membership(of: user.id, in: group, now: now, in: tx), member.isPresent
            else { continue }
            chats.append(OpenChat(chat: group.chat, group: group, member: member))
        }
        return chats
    }

    /// The chat `chatID` names, if `user` may read its history: a private chat that exists,
    /// a chat the user is a present member of, or a public supergroup or channel.
    static func chat(_ chatID: ChatID, for user: AccountRecord, now: Int64, in tx: any StoreReader) throws -> OpenChat {
        switch try Outbox.destination(chatID, from: user, in: tx) {
        case .privateChat(let peer):
            guard let chat = try tx.privateChat(between: user.id, and: peer.id) else { throw APIError.badRequest("chat not found") }
            return OpenChat(chat: chat, peer: peer)
        case .group(let group):
            let member = try Groups.membership(of: user.id, in: group, now: now, in: tx)
            guard member?.isPresent == true || (group.kind != .group && group.record.username != nil) else {
                throw APIError.forbidden("not a member of the chat")
            }
            return OpenChat(chat: group.chat, group: group, member: member)
        }
    }

    /// A stored message as `viewer` sees it: private chats named after the other party, a
    /// quiz's answer hidden until the viewer answered.
    static func view(_ record: MessageRecord, in chat: ChatRecord, for viewer: AccountRecord, in tx: any StoreReader) throws -> Message {
        var message = try ChatMessages.view(JSONDecoder().decode(Message.self, from: record.content), in: chat, for: viewer, in: tx)
        if let poll = message.poll {
            let answered = try Polls.answerIDs(of: viewer.id, messageID: message.messageId, in: chat, from: tx) != nil
            message.poll = Polls.view(poll, for: viewer, senderID: record.senderID, hasAnswered: answered)
        }
        return message
    }

    // MARK: Read marks

    private static func readMarkKey(user: Int64, chat: Int64) -> String { "read:\(user):\(chat)" }

    /// The newest message id `user` has read in `chat` (0: none).
    static func readMark(of user: Int64, in chat: ChatRecord, from tx: any StoreReader) throws -> Int64 {
        try tx.setting(readMarkKey(user: user, chat: chat.id)).flatMap { Int64($0) } ?? 0
    }

    /// Moves the read mark forward (never back).
    static func markRead(upTo messageID: Int64, by user: Int64, in chat: ChatRecord, tx: any StoreWriter) throws {
        let current = try readMark(of: user, in: chat, from: tx)
        let mark = min(messageID, chat.lastMessageID)
        guard mark > current else { return }
        try tx.setSetting(readMarkKey(user: user, chat: chat.id), String(mark))
    }
}
