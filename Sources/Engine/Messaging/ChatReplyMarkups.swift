import BotAPI
import Foundation
import Storage

/// The reply markup a person's chat shows by default (TDLib's `chat.reply_markup_message_id`):
/// the last reply keyboard or forced reply a bot sent there, with the message that carried
/// it, until a keyboard removal, a newer markup, the message's deletion, or the person's app
/// saying it was used (`deleteChatReplyMarkup`: a one-time keyboard pressed, a forced reply
/// answered). Reply keyboards are not part of stored messages (bots never see them), so an
/// app reloading its chats learns them here (`getChats`).
///
/// Kept per person and chat as a setting `reply_markup:<user>:<chat>` holding the message id,
/// a line break and the markup's JSON.
enum ChatReplyMarkups {
    /// A chat's default markup: a `ReplyKeyboardMarkup` or a `ForceReply`.
    struct Current: Sendable {
        let messageID: Int64
        let markup: ReplyMarkup
    }

    private static func key(user: Int64, chat: ChatRecord) -> String { "reply_markup:\(user):\(chat.id)" }

    /// Notes the markup (already validated) that message `messageID` of `chat` brought
    /// `recipient`. Inline keyboards belong to their message and change nothing.
    static func received(_ markup: ReplyMarkup?, messageID: Int64, in chat: ChatRecord, by recipient: AccountRecord, tx: any StoreWriter) throws {
        guard !recipient.isBot, let markup else { return }
        switch markup {
        case .replyKeyboard, .forceReply:
            try tx.setSetting(key(user: recipient.id, chat: chat), "\(messageID)\n" + markup.jsonString)
        case .removeKeyboard:
            try tx.setSetting(key(user: recipient.id, chat: chat), "")
        case .inlineKeyboard:
            break
        }
    }

    /// The markup `user`'s chat shows, if any; one whose message was deleted is gone.
    static func current(of user: Int64, in chat: ChatRecord, from tx: any StoreReader) throws -> Current? {
        guard let value = try tx.setting(key(user: user, chat: chat)), let newline = value.firstIndex(of: "\n"),
              let messageID = Int64(value[..<newline]),
              let markup = try? JSONDecoder().decode(ReplyMarkup.self, from: Data(value[value.index(after: newline)...].utf8)),
              try tx.message(chatID: chat.id, messageID: messageID) != nil
        else { return nil }
        return Current(messageID: messageID, markup: markup)
    }

    /// Forgets the chat's markup if message `messageID` carried it (TDLib's
    /// `deleteChatReplyMarkup`); a newer markup stays. Returns whether it was forgotten.
    @discardableResult
    static func used(messageID: Int64, by user: Int64, in chat: ChatRecord, tx: any StoreWriter) throws -> Bool {
        guard let current = try current(of: user, in: chat, from: tx), current.messageID == messageID else { return false }
        try tx.setSetting(key(user: user, chat: chat), "")
        return true
    }
}
