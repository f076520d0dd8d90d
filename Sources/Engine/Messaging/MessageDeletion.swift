import BotAPI
import Foundation
import Storage

/// What `deleteMessage` and `deleteMessages` share: Telegram's rules on who may delete what,
/// and the `deleted_messages` updates people get (USER-API.md).
///
/// A bot deletes only messages less than 48 hours old: in a private chat any of them, in a
/// group its own, or any as an administrator (of a basic group, or with
/// `can_delete_messages`). A person deletes any message of a private chat, for both sides,
/// and in a group their own, or any with `can_delete_messages`. Bots are never told about
/// deletions, as on Telegram.
enum MessageDeletion {
    /// How long a bot may delete messages of a private chat.
    static let botDeleteWindow: Int64 = 48 * 3600

    /// The chat a deletion call names, with the official errors for a missing `chat_id`.
    static func chatID(of call: MethodCall) throws -> ChatID {
        guard let text = call.parameters["chat_id"] else { throw APIError.badRequest("chat identifier is not specified") }
        guard let chatID = ChatID(parsing: text) else { throw APIError.badRequest("chat not found") }
        return chatID
    }

    /// Deletes whichever of `messageIDs` exist and `deleter` may delete, and tells the other
    /// members. An inaccessible chat is "message to delete not found"; with `strict`, so is a
    /// missing message, and a message `deleter` may not delete is refused instead of skipped.
    /// Returns how many messages were deleted.
    @discardableResult
    static func delete(_ messageIDs: [Int], in chatID: ChatID, by deleter: AccountRecord, strict: Bool, engine: Engine) async throws -> Int {
        try await engine.write { tx in
            let chat: ChatRecord, member: MemberRecord?
            do {
                (chat, member) = try MessageEditing.actingChat(chatID, actor: deleter, now: tx.now, in: tx.store)
            } catch {
                throw APIError.badRequest("message to delete not found")
            }
            var deleted: [Int] = []
            var last: Message?
            for messageID in messageIDs where !deleted.contains(messageID) {
                guard let stored = try ChatMessages.load(messageID, in: chat, from: tx.store) else {
                    if strict { throw APIError.badRequest("message to delete not found") }
                    continue
                }
                if let refusal = refusal(stored, in: chat, by: deleter, member: member, now: tx.now) {
                    if strict { throw refusal }
                    continue
                }
                try tx.store.deleteMessage(chatID: chat.id, messageID: Int64(messageID))
                deleted.append(messageID)
                last = stored.message
            }
            guard let last else { return 0 }
            try announce(deleted, of: last, in: chat, to: ChatMessages.otherMembers(of: chat, besides: deleter, in: tx.store), tx: tx)
            try BusinessMessages.announceDeletion(deleted, in: chat, tx: tx)
            try SuggestedPosts.refundDeleted(deleted, in: chat, tx: tx)
            return deleted.count
        }
    }

    /// Gives the people among `recipients` `deleted_messages` for `deleted`, messages of
    /// `chat` (`last` is one of them, for the chat as each recipient sees it).
    static func announce(_ deleted: [Int], of last: Message, in chat: ChatRecord, to recipients: [AccountRecord], tx: Transaction) throws {
        for member in recipients where !member.isBot {
            let seenChat = try ChatMessages.view(last, in: chat, for: member, in: tx.store).chat
            var object = Array("{\"chat\":".utf8) + seenChat.jsonBytes
            object += Array(",\"message_ids\":[\(deleted.map(String.init).joined(separator: ","))]}".utf8)
            try tx.enqueue(.deletedMessages(chat: Int64(seenChat.id), object), for: member.id)
        }
    }

    /// Why `deleter` may not delete `stored`, if it may not.
    private static func refusal(_ stored: ChatMessages.Stored, in chat: ChatRecord, by deleter: AccountRecord, member: MemberRecord?, now: Int64) -> APIError? {
        if deleter.isBot && now - stored.record.date >= botDeleteWindow {
            return .badRequest("message can't be deleted for everyone")
        }
        guard chat.kind.isGroupLike, stored.record.senderID != deleter.id else { return nil }
        let rights = member?.decodedDetails.rights
        let mayDeleteAny = member?.status == .creator || rights?.canDeleteMessages == true
            || (chat.kind == .group && deleter.isBot && member?.isAdministrator == true)
        return mayDeleteAny ? nil : .badRequest("message can't be deleted")
    }
}
