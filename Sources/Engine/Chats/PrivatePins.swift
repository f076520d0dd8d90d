import BotAPI
import Foundation
import Storage

/// The pinned messages of a private chat, most recent last: either party may pin, and
/// getChat shows the latest as `pinned_message`, as on Telegram. Kept as a setting per chat
/// (groups keep theirs in their details).
enum PrivatePins {
    private static func key(_ chat: ChatRecord) -> String { "private_pins:\(chat.id)" }

    static func ids(in chat: ChatRecord, from tx: any StoreReader) throws -> [Int] {
        guard let text = try tx.setting(key(chat)) else { return [] }
        return (try? JSONDecoder().decode([Int].self, from: Data(text.utf8))) ?? []
    }

    private static func save(_ ids: [Int], in chat: ChatRecord, to tx: any StoreWriter) throws {
        try tx.setSetting(key(chat), "[" + ids.map(String.init).joined(separator: ",") + "]")
    }

    /// Pins `messageID` (already checked to exist) in the private chat `chatID` names.
    static func pin(_ messageID: Int, chatID: ChatID, caller: AccountRecord, in tx: any StoreWriter) throws {
        try pin(messageID, in: try ChatMessages.chat(chatID, viewer: caller, in: tx), to: tx)
    }

    /// The business account's private chat a bot pins or unpins in with
    /// `business_connection_id` (TDLib's `setBusinessMessageIsPinned`; the bot needs
    /// `can_reply`, as for editing there: a guess), after checking `messageID` is in it.
    static func businessChat(
        _ chatID: ChatID, connectionID: String, messageID: Int?, missing: String, bot: AccountRecord, in store: any StoreReader
    ) throws -> ChatRecord {
        let chat = try BusinessMessages.chat(chatID, connectionID: connectionID, bot: bot, requiring: .reply, in: store).chat
        if let messageID, try ChatMessages.load(messageID, in: chat, from: store) == nil { throw APIError.badRequest(missing) }
        return chat
    }

    /// Pins `messageID` (already checked to exist) in `chat`.
    static func pin(_ messageID: Int, in chat: ChatRecord, to tx: any StoreWriter) throws {
        var pins = try Self.ids(in: chat, from: tx)
        pins.removeAll { $0 == messageID }
        pins.append(messageID)
        try save(pins, in: chat, to: tx)
    }

    /// Unpins `messageID`, or the latest pin when nil, or every pin when `all`.
    static func unpin(_ messageID: Int?, all: Bool = false, chatID: ChatID, caller: AccountRecord, in tx: any StoreWriter) throws {
        try unpin(messageID, all: all, in: try ChatMessages.chat(chatID, viewer: caller, in: tx), to: tx)
    }

    /// Unpins `messageID` in `chat`, or the latest pin when nil, or every pin when `all`.
    static func unpin(_ messageID: Int?, all: Bool = false, in chat: ChatRecord, to tx: any StoreWriter) throws {
        var pins = try Self.ids(in: chat, from: tx)
        guard !pins.isEmpty else { return }
        if all {
            pins = []
        } else if let messageID {
            pins.removeAll { $0 == messageID }
        } else {
            pins.removeLast()
        }
        try save(pins, in: chat, to: tx)
    }

    /// The latest pinned message still in the chat, as `viewer` sees it.
    static func latest(in chat: ChatRecord, for viewer: AccountRecord, from tx: any StoreReader) throws -> Message? {
        for id in try ids(in: chat, from: tx).reversed() {
            if let stored = try ChatMessages.load(id, in: chat, from: tx) {
                var message = try ChatMessages.view(stored.message, in: chat, for: viewer, in: tx)
                message.replyToMessage = nil
                return message
            }
        }
        return nil
    }
}
