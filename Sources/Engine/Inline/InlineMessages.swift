import BotAPI
import Foundation
import Storage

/// Messages sent via inline mode that carry an `inline_message_id`: the bot whose result
/// they are may edit them with that id alone, without seeing the chat (as on Telegram,
/// where the bot need not be a member). The id is opaque and unguessable; it maps to the
/// chat and message in the store (``InlineRecord/Kind/message``).
enum InlineMessages {
    /// Where an inline message is, as stored.
    struct Place: Codable, Sendable {
        /// The internal chat id.
        var chatID: Int64
        var messageID: Int64
    }

    /// Inline messages stay editable for as long as the message exists; the record is kept
    /// this long (about 68 years of the world's clock).
    static let lifetime: Int64 = 1 << 31

    /// A new id: 24 random bytes in URL-safe base64, the shape of Telegram's ids.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Records that message `messageID` of the chat `chatID` (internal id) is `botID`'s
    /// inline message, and returns its new id.
    static func register(chatID: Int64, messageID: Int64, botID: Int64, in tx: Transaction) throws -> String {
        let id = newID()
        let value = try JSONEncoder().encode(Place(chatID: chatID, messageID: messageID))
        try tx.store.save(InlineRecord(kind: .message, id: id, botID: botID, expiresAt: tx.now + lifetime, value: value))
        try tx.store.save(InlineRecord(
            kind: .messageInChat, id: "\(chatID):\(messageID)", botID: botID, expiresAt: tx.now + lifetime, value: Data(id.utf8)))
        return id
    }

    /// The `inline_message_id` of message `messageID` of the chat `chatID` (internal id), if
    /// it was sent via inline mode with a keyboard: button presses on it reach the bot with
    /// this id instead of the message.
    static func id(ofMessage messageID: Int64, inChat chatID: Int64, now: Int64, in store: any StoreReader) throws -> String? {
        try store.inlineRecord(kind: .messageInChat, id: "\(chatID):\(messageID)", now: now).map { String(decoding: $0.value, as: UTF8.self) }
    }

    static let invalidID = APIError.badRequest("invalid inline message identifier specified")

    /// The chat and stored message `id` names, when `editor` is the bot it was sent via.
    static func resolve(_ id: String, editor: AccountRecord, in tx: Transaction) throws -> (chat: ChatRecord, stored: ChatMessages.Stored) {
        try locate(id, editor: editor, now: tx.now, in: tx.store)
    }

    /// ``resolve(_:editor:in:)`` for a reading call (`getGameHighScores`).
    static func locate(
        _ id: String, editor: AccountRecord, now: Int64, in store: any StoreReader
    ) throws -> (chat: ChatRecord, stored: ChatMessages.Stored) {
        guard editor.isBot, let record = try store.inlineRecord(kind: .message, id: id, now: now), record.botID == editor.id,
              let place = try? JSONDecoder().decode(Place.self, from: record.value),
              let chat = try store.chat(id: place.chatID)
        else { throw invalidID }
        guard let stored = try ChatMessages.load(Int(place.messageID), in: chat, from: store) else {
            throw APIError.badRequest("MESSAGE_ID_INVALID")
        }
        return (chat, stored)
    }

    /// Edits an inline message as ``MessageEditing/edit(_:chatID:messageID:replyMarkup:change:)``
    /// edits a message in a chat, but answers `true` (the official answer for inline
    /// messages) and tells every member of the chat, the sender included, except the bot.
    static func edit(
        _ call: MethodCall, inlineMessageID: String, replyMarkup: InlineKeyboardMarkup?,
        change: @escaping @Sendable (inout Message, any StoreWriter) throws -> Void
    ) async throws -> MethodResult {
        let editor = call.account
        try await call.engine.write { tx in
            let (chat, found) = try resolve(inlineMessageID, editor: editor, in: tx)
            var stored = found
            var message = stored.message
            try change(&message, tx.store)
            let place = Keyboards.Place(chat.kind)
            message.replyMarkup = try replyMarkup.flatMap { try Keyboards.validated($0, in: place) }
            guard message != stored.message else { throw MessageEditing.notModified }
            message.editDate = Int(tx.now)
            stored.message = message
            try ChatMessages.save(stored, in: tx.store)
            try announceEdit(of: stored, in: chat, by: editor, tx: tx)
        }
        return .true
    }

    /// Tells everyone in `chat` who sees the inline message `stored`, its sender included,
    /// that `editor` (the bot it was sent via, which need not be in the chat) edited it.
    static func announceEdit(of stored: ChatMessages.Stored, in chat: ChatRecord, by editor: AccountRecord, tx: Transaction) throws {
        try ChatMessages.announceEdit(
            stored.message, in: chat, to: try members(of: chat, besides: editor, in: tx.store), senderID: stored.record.senderID, tx: tx)
    }

    /// Who is told about changes to a message in `chat` that `actor` (not necessarily a
    /// member) made: both parties of a private chat, or the group's members who see its
    /// messages; never `actor` itself.
    static func members(of chat: ChatRecord, besides actor: AccountRecord, in store: any StoreReader) throws -> [AccountRecord] {
        guard chat.kind == .private else { return try ChatMessages.otherMembers(of: chat, besides: actor, in: store) }
        return try [chat.lowAccountID, chat.highAccountID].compactMap { id in
            guard let id, id != actor.id else { return nil }
            return try store.account(id: id)
        }
    }
}
