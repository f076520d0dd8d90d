import BotAPI
import Foundation
import Storage

/// The reply keyboard a bot currently shows a user in their private chat: the last one it
/// sent, until it sends a keyboard removal. A Web App opened from one of its `web_app`
/// buttons sends its data back (`sendWebAppData`) under that button's text, so the button
/// must still be there. Kept as a bot setting (`bot:<bot>:reply_keyboard:<user>`).
enum ReplyKeyboards {
    private static func key(bot: Int64, user: Int64) -> String {
        BotSettingsStorage.key(bot: bot, "reply_keyboard", String(user))
    }

    /// Notes the markup (already validated) that `sender` sent `peer` in their private chat.
    static func remember(_ markup: ReplyMarkup?, from sender: AccountRecord, to peer: AccountRecord, in store: any StoreWriter) throws {
        guard sender.isBot, let markup else { return }
        switch markup {
        case .replyKeyboard(let keyboard):
            try BotSettingsStorage.set(key(bot: sender.id, user: peer.id), String(decoding: keyboard.jsonBytes, as: UTF8.self), in: store)
        case .removeKeyboard:
            try BotSettingsStorage.set(key(bot: sender.id, user: peer.id), nil, in: store)
        case .inlineKeyboard, .forceReply:
            // Neither replaces the keyboard the user has.
            break
        }
    }

    /// The reply keyboard `bot` shows `user`, if any.
    static func current(bot: Int64, user: Int64, in store: any StoreReader) throws -> ReplyKeyboardMarkup? {
        guard let text = try BotSettingsStorage.value(key(bot: bot, user: user), in: store) else { return nil }
        return try? JSONDecoder().decode(ReplyKeyboardMarkup.self, from: Data(text.utf8))
    }
}
