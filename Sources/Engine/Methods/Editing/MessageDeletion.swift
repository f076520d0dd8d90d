import BotAPI
import Foundation
import Storage

/// What `deleteMessage` and `deleteMessages` share: Telegram's rules on who may delete what
/// in a private chat, and the `deleted_messages` updates people get (USER-API.md).
///
/// In a private chat a bot may delete any message, its own or the person's, while it is
/// less than 48 hours old; a person may delete any message of the chat, for both sides.
/// Bots are never told about deletions, as on Telegram.
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
            let chat: ChatRecord
            do {
                chat = try ChatMessages.privateChat(chatID, viewer: deleter, in: tx.store).chat
            } catch {
                throw APIError.badRequest("message to delete not found")
            }
            var deleted: [Int] = []
            for messageID in messageIDs where !deleted.contains(messageID) {
                guard let stored = try ChatMessages.load(messageID, in: chat, from: tx.store) else {
                    if strict { throw APIError.badRequest("message to delete not found") }
                    continue
                }
                guard !deleter.isBot || tx.now - stored.record.date < botDeleteWindow else {
                    if strict { throw APIError.badRequest("message can't be deleted for everyone") }
                    continue
                }
                try tx.store.deleteMessage(chatID: chat.id, messageID: Int64(messageID))
                deleted.append(messageID)
            }
            guard !deleted.isEmpty else { return 0 }
            for member in try ChatMessages.otherMembers(of: chat, besides: deleter, in: tx.store) where !member.isBot {
                let seenChat = Views.privateChat(with: deleter)
                var payload = Array("\"deleted_messages\":{\"chat\":".utf8) + seenChat.jsonBytes
                payload += Array(",\"message_ids\":[\(deleted.map(String.init).joined(separator: ","))]}".utf8)
                try tx.enqueue(recipient: member.id, kind: "deleted_messages", key: "message:\(deleter.id)", eventDate: tx.now, payload: payload)
            }
            return deleted.count
        }
    }
}
