import BotAPI
import Foundation
import Storage

/// A bot's menu button: one bot-wide, plus one per private chat.
enum MenuButtons {
    /// Parses `setChatMenuButton`'s `menu_button` in the official wording (behaviour.md
    /// §2.14); absent or empty is the default button.
    static func parse(_ text: String?) throws -> MenuButton {
        let button = try parsed(text)
        if case .webApp(var webApp) = button {
            webApp.webApp = WebAppInfo(url: try Keyboards.checkedWebAppURL(webApp.webApp.url, what: "Menu button Web App "))
            return .webApp(webApp)
        }
        return button
    }

    private static func parsed(_ text: String?) throws -> MenuButton {
        guard let text else { return .default(MenuButtonDefault()) }
        guard let json = SettingsJSON.parse(text) else { throw APIError.badRequest("can't parse menu button JSON object") }
        do throws(SettingsJSON.FieldError) {
            guard case .object(let object) = json else { throw .init("MenuButton must be an Object") }
            switch try object.requiredString("type") {
            case "default": return .default(MenuButtonDefault())
            case "commands": return .commands(MenuButtonCommands())
            case "web_app":
                let text = try object.requiredString("text")
                let given = try object.requiredObject("web_app").requiredString("url")
                // Checked once the button has parsed, as TDLib checks it (HTTPS only).
                return .webApp(MenuButtonWebApp(text: text, webApp: WebAppInfo(url: given)))
            default: throw .init("MenuButton has unsupported type")
            }
        } catch {
            throw APIError.badRequest("can't parse menu button: \(error.message)")
        }
    }

    /// The user a `chat_id` parameter names (get/setChatMenuButton take user ids only), or
    /// nil for the bot-wide button when the parameter is absent. Presence counts, as on the
    /// official server: an empty `chat_id` is an invalid one.
    static func userID(_ parameters: Parameters, bot: AccountRecord, in store: any StoreReader) throws -> Int64? {
        guard let raw = parameters.rawValue("chat_id") else { return nil }
        let id = Int64(LenientParse.integer(raw))
        guard id > 0 else { throw APIError.badRequest("invalid chat_id specified") }
        // A bot only knows the users it has a chat with.
        guard let user = try store.account(id: id), !user.isDeleted, try store.privateChat(between: bot.id, and: id) != nil else {
            throw APIError.badRequest("user not found")
        }
        return id
    }

    private static func key(bot: Int64, user: Int64?) -> String {
        BotSettingsStorage.key(bot: bot, "menu_button", user.map(String.init) ?? "default")
    }

    /// Stores the button for `user` (nil: bot-wide); the default button clears the setting,
    /// so a chat falls back to the bot-wide button.
    static func set(_ button: MenuButton, bot: Int64, user: Int64?, in store: any StoreWriter) throws {
        if case .default = button {
            try BotSettingsStorage.set(key(bot: bot, user: user), nil, in: store)
        } else {
            try BotSettingsStorage.set(key(bot: bot, user: user), button.jsonString, in: store)
        }
    }

    /// The button shown to `user` (nil: the bot-wide one): the chat's own, else the
    /// bot-wide one, else the default, which Telegram answers bots as `{"type":"commands"}`.
    static func button(bot: Int64, user: Int64?, in store: any StoreReader) throws -> MenuButton {
        try chosen(bot: bot, user: user, in: store) ?? .commands(MenuButtonCommands())
    }

    /// The button the bot chose for `user` (nil: the bot-wide one), or nil when it chose none.
    static func chosen(bot: Int64, user: Int64?, in store: any StoreReader) throws -> MenuButton? {
        let keys = (user.map { [key(bot: bot, user: $0)] } ?? []) + [key(bot: bot, user: nil)]
        for key in keys {
            if let text = try BotSettingsStorage.value(key, in: store) {
                return try JSONDecoder().decode(MenuButton.self, from: Data(text.utf8))
            }
        }
        return nil
    }
}
