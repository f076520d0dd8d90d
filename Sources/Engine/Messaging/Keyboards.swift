import BotAPI
import Formatting
import Foundation
import Storage

/// Reply markup as Telegram accepts it: every `reply_markup` a message is sent or edited with
/// passes through here, in the three layers the official stack checks it in (behaviour.md §2.7):
///
/// 1. the Bot API server picks each inline button's one action by precedence (`url` >
///    `callback_data` > `callback_game` > `pay` > `switch_inline_query` >
///    `switch_inline_query_chosen_chat` > `switch_inline_query_current_chat` > `login_url` >
///    `web_app` > `copy_text` > `disabled`), so a button with several actions keeps the first and one with
///    none is "Text buttons are unallowed in the inline keyboard";
/// 2. TDLib drops buttons with empty text, keeps at most 12 buttons a row and 300 in all,
///    checks and canonicalises URLs (`example.com` → `http://example.com/`; login and Web App
///    URLs must be HTTPS) and turns `tg://user?id=` links into user buttons;
/// 3. Telegram's servers refuse `callback_data` over 64 bytes (`BUTTON_DATA_INVALID`), URLs
///    that point at an IP address (`BUTTON_URL_INVALID`), inline keyboards of more than
///    100 buttons (`REPLY_MARKUP_TOO_LONG`) and `web_app` inline buttons outside private
///    chats (`BUTTON_TYPE_INVALID`).
///
/// Only bots attach markup: a person's client sends none, so markup from a user is ignored,
/// as TDLib ignores it for non-bot senders.
enum Keyboards {
    /// The most buttons TDLib keeps in one row and in one keyboard.
    static let maxButtonsPerRow = 12
    static let maxButtons = 300
    /// The most buttons Telegram accepts in one inline keyboard.
    static let maxInlineButtons = 100

    /// Where markup is sent: TDLib allows request buttons in private chats only, and only
    /// inline keyboards without inline-mode switches on channel posts.
    enum Place: Sendable {
        case privateChat, group, channel

        /// Where a message of a chat of `kind` is: supergroups are groups here.
        init(_ kind: ChatKind) {
            switch kind {
            case .private: self = .privateChat
            case .channel: self = .channel
            case .group, .supergroup: self = .group
            }
        }
    }

    /// `markup` as it is stored with a message from `sender`, or nil when it leaves nothing
    /// (no markup, only empty buttons, or a sender that is not a bot).
    static func validated(_ markup: ReplyMarkup?, from sender: AccountRecord, in place: Place = .privateChat) throws -> ReplyMarkup? {
        guard let markup, sender.isBot else { return nil }
        if place == .channel, inlineKeyboard(of: markup) == nil { throw APIError.badRequest("inline keyboard expected") }
        switch markup {
        case .inlineKeyboard(let keyboard):
            return try validated(keyboard, in: place).map(ReplyMarkup.inlineKeyboard)
        case .replyKeyboard(let keyboard):
            return try validated(keyboard, in: place).map(ReplyMarkup.replyKeyboard)
        case .removeKeyboard(let remove):
            return remove.removeKeyboard ? .removeKeyboard(ReplyKeyboardRemove(removeKeyboard: true)) : nil
        case .forceReply(let force):
            guard force.forceReply else { return nil }
            try checkPlaceholder(force.inputFieldPlaceholder)
            return .forceReply(ForceReply(forceReply: true, inputFieldPlaceholder: nonEmpty(force.inputFieldPlaceholder)))
        }
    }

    /// An inline keyboard as stored, or nil when no button is left. Edit methods, which only
    /// take inline keyboards, call this directly.
    static func validated(_ keyboard: InlineKeyboardMarkup, in place: Place = .privateChat) throws -> InlineKeyboardMarkup? {
        // The Bot API server parses the whole keyboard before TDLib sees any of it.
        let parsed = try keyboard.inlineKeyboard.map { row in try row.map(botAPIButton) }
        let rows = try kept(parsed, text: \.text) { try tdlibButton($0, in: place) }
        guard !rows.isEmpty else { return nil }
        for button in rows.joined() {
            if let data = button.callbackData, data.utf8.count > 64 { throw APIError.badRequest("BUTTON_DATA_INVALID") }
        }
        if rows.joined().count > maxInlineButtons { throw APIError.badRequest("reply markup is too long") }
        // Web Apps open only from private chats with their bot: Telegram refuses the button elsewhere.
        if place != .privateChat, rows.joined().contains(where: { $0.webApp != nil }) { throw APIError.badRequest("BUTTON_TYPE_INVALID") }
        var result = InlineKeyboardMarkup(inlineKeyboard: rows)
        // Bot API 10.3: the reply interface opens along with the keyboard.
        result.forceReply = keyboard.forceReply == true ? true : nil
        return result
    }

    /// A reply keyboard as stored, or nil when no button is left.
    static func validated(_ keyboard: ReplyKeyboardMarkup, in place: Place = .privateChat) throws -> ReplyKeyboardMarkup? {
        let rows = try kept(keyboard.keyboard, text: \.text) { try keyboardButton($0, in: place) }
        guard !rows.isEmpty else { return nil }
        try checkPlaceholder(keyboard.inputFieldPlaceholder)
        var result = ReplyKeyboardMarkup(keyboard: rows)
        result.isPersistent = keyboard.isPersistent == true ? true : nil
        result.resizeKeyboard = keyboard.resizeKeyboard == true ? true : nil
        result.oneTimeKeyboard = keyboard.oneTimeKeyboard == true ? true : nil
        result.inputFieldPlaceholder = nonEmpty(keyboard.inputFieldPlaceholder)
        result.forceReply = keyboard.forceReply == true ? true : nil
        // TDLib clears `selective` in private chats: there is nobody else to hide it from.
        return result
    }

    /// The buttons TDLib keeps, each passed through `check`: none with empty text, at most
    /// ``maxButtonsPerRow`` a row and ``maxButtons`` in all; rows left empty disappear.
    private static func kept<Button>(
        _ rows: [[Button]], text: KeyPath<Button, String>, check: (Button) throws -> Button
    ) throws -> [[Button]] {
        var result: [[Button]] = []
        var total = 0
        for row in rows where total < maxButtons {
            var kept: [Button] = []
            for button in row where !button[keyPath: text].isEmpty {
                guard kept.count < maxButtonsPerRow, total < maxButtons else { break }
                kept.append(try check(button))
                total += 1
            }
            if !kept.isEmpty { result.append(kept) }
        }
        return result
    }

    /// The inline keyboard a stored markup puts on the message itself; other kinds of
    /// markup travel beside the message (see ``messageJSON(_:markup:for:)``).
    static func inlineKeyboard(of markup: ReplyMarkup?) -> InlineKeyboardMarkup? {
        if case .inlineKeyboard(let keyboard) = markup { return keyboard }
        return nil
    }

    /// A message's JSON as `recipient` receives it.
    ///
    /// On Telegram a reply keyboard, a keyboard removal or a forced reply is not part of the
    /// Message object bots see, yet the person's app shows it. So that a user of this server
    /// can see it too, the user's own view of the message carries it in `reply_markup`
    /// (typed there as any of the four markup objects, as in the `reply_markup` parameter);
    /// bots never get it, exactly as on Telegram. An inline keyboard is already in the message.
    static func messageJSON(_ message: Message, markup: ReplyMarkup?, for recipient: AccountRecord) -> [UInt8] {
        guard !recipient.isBot, let markup, inlineKeyboard(of: markup) == nil else { return message.jsonBytes }
        return ExtendedObject(message, [("reply_markup", markup.jsonBytes)]).bytes
    }

    // MARK: Bot API server layer

    /// Why a `reply_markup` that failed to decode is malformed, in the Bot API server's words
    /// (behaviour.md §2.7), or nil when its shape is fine and only a value is off (the caller
    /// then answers "can't parse reply keyboard markup JSON object").
    static func shapeError(in raw: String?) -> APIError? {
        guard let raw, let json = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            return nil
        }
        guard let object = json as? [String: Any] else { return .badRequest("object expected as reply markup") }
        if let keyboard = object["keyboard"] {
            guard let rows = keyboard as? [Any] else { return .badRequest("field \"keyboard\" must be of type Array") }
            for row in rows {
                guard let buttons = row as? [Any] else { return .badRequest("field \"keyboard\" must be an Array of Arrays") }
                for button in buttons where !(button is String) {
                    guard let fields = button as? [String: Any] else {
                        return .badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object")
                    }
                    if let detail = textFieldError(fields) { return .badRequest("can't parse keyboard button: " + detail) }
                }
            }
        }
        if let keyboard = object["inline_keyboard"] {
            guard let rows = keyboard as? [Any] else { return .badRequest("field \"inline_keyboard\" must be of type Array") }
            for row in rows {
                guard let buttons = row as? [Any] else {
                    return .badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays")
                }
                for button in buttons {
                    guard let fields = button as? [String: Any] else { return parseError("InlineKeyboardButton must be an Object") }
                    if let detail = textFieldError(fields) { return parseError(detail) }
                }
            }
        }
        return nil
    }

    /// TDLib's JSON wording for a button's missing or mistyped `text`. TDLib reads a number
    /// as its digits, so only other types are mistyped.
    private static func textFieldError(_ fields: [String: Any]) -> String? {
        guard let text = fields["text"] else { return "Can't find field \"text\"" }
        return text is String || text is NSNumber ? nil : "Field \"text\" must be of type String"
    }

    /// One inline button with only its winning action left (behaviour.md §2.7 precedence).
    private static func botAPIButton(_ button: InlineKeyboardButton) throws -> InlineKeyboardButton {
        if let style = button.style, !["default", "primary", "danger", "success"].contains(style) {
            throw parseError("invalid button style specified")
        }
        var result = InlineKeyboardButton(text: button.text, iconCustomEmojiId: button.iconCustomEmojiId, style: button.style)
        if let url = nonEmpty(button.url) {
            result.url = url
        } else if let data = nonEmpty(button.callbackData) {
            result.callbackData = data
        } else if let game = button.callbackGame {
            result.callbackGame = game
        } else if button.pay != nil {
            result.pay = true
        } else if let query = button.switchInlineQuery {
            result.switchInlineQuery = query
        } else if let chosen = button.switchInlineQueryChosenChat {
            result.switchInlineQueryChosenChat = chosen
        } else if let query = button.switchInlineQueryCurrentChat {
            result.switchInlineQueryCurrentChat = query
        } else if var login = button.loginUrl {
            if var username = nonEmpty(login.botUsername) {
                if username.hasPrefix("@") { username.removeFirst() }
                guard !username.isEmpty, username.utf8.allSatisfy(isUsernameByte) else {
                    throw parseError("LoginUrl bot username is invalid")
                }
                login.botUsername = username
            }
            result.loginUrl = login
        } else if let webApp = button.webApp {
            result.webApp = webApp
        } else if let copy = button.copyText {
            result.copyText = copy
        } else if let disabled = button.disabled {
            // Bot API 10.3: shown, but does nothing when pressed (its precedence is a guess:
            // last, as the newest action).
            result.disabled = disabled
        } else {
            throw parseError("Text buttons are unallowed in the inline keyboard")
        }
        return result
    }

    private static func parseError(_ detail: String) -> APIError {
        .badRequest("can't parse inline keyboard button: " + detail)
    }

    private static func isUsernameByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (byte >= 48 && byte <= 57) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 122)
    }

    // MARK: TDLib and Telegram layers

    private static func tdlibButton(_ button: InlineKeyboardButton, in place: Place) throws -> InlineKeyboardButton {
        var result = button
        if place == .channel {
            // Channel posts carry no sender, so nobody would know which bot to switch to.
            let name = button.switchInlineQueryCurrentChat != nil ? "switch_inline_query_current_chat"
                : button.switchInlineQuery != nil || button.switchInlineQueryChosenChat != nil ? "switch_inline_query" : nil
            if let name {
                throw tdlibError(
                    "Can't use \(name) button in a channel chat, because users will not be able to use the button without knowing bot's username")
            }
        }
        if let url = button.url {
            // A link to a user becomes a user button, shown with the link as given.
            if LinkRules.mentionedUserID(url) != nil { return result }
            result.url = try checkedURL(url, httpsOnly: false, what: "Inline keyboard button ")
        } else if var login = button.loginUrl {
            if LinkRules.mentionedUserID(login.url) != nil { throw tdlibError("Link to a user can't be used in login URL buttons") }
            login.url = try checkedURL(login.url, httpsOnly: true, what: "Inline keyboard button login ")
            result.loginUrl = login
        } else if var webApp = button.webApp {
            if LinkRules.mentionedUserID(webApp.url) != nil { throw tdlibError("Link to a user can't be used in Web App URL buttons") }
            webApp.url = try checkedURL(webApp.url, httpsOnly: true, what: "Inline keyboard button Web App ")
            result.webApp = webApp
        }
        return result
    }

    private static func keyboardButton(_ button: KeyboardButton, in place: Place) throws -> KeyboardButton {
        if place != .privateChat, let what = privateOnlyRequest(button) { throw tdlibError(what) }
        var result = button
        if var webApp = button.webApp {
            if LinkRules.mentionedUserID(webApp.url) != nil { throw tdlibError("Link to a user can't be used in Web App URL buttons") }
            webApp.url = try checkedURL(webApp.url, httpsOnly: true, what: "Keyboard button Web App ")
            result.webApp = webApp
        }
        return result
    }

    /// A Web App URL given outside a keyboard (the menu button's), checked as TDLib checks
    /// button URLs: HTTPS only, canonicalised, with `what` opening the error ("Menu button Web App ").
    static func checkedWebAppURL(_ url: String, what: String) throws -> String {
        if LinkRules.mentionedUserID(url) != nil { throw tdlibError("Link to a user can't be used in Web App URL buttons") }
        return try checkedURL(url, httpsOnly: true, what: what)
    }

    /// What a reply keyboard button asks for that only a private chat can give, in TDLib's
    /// words, in the Bot API server's order of button kinds.
    private static func privateOnlyRequest(_ button: KeyboardButton) -> String? {
        if button.requestContact == true { return "Phone number can be requested in private chats only" }
        if button.requestLocation == true { return "Location can be requested in private chats only" }
        if button.requestPoll != nil { return "Poll can be requested in private chats only" }
        if button.webApp != nil { return "Web App buttons can be used in private chats only" }
        if button.requestUsers != nil { return "Users can be requested in private chats only" }
        if button.requestChat != nil { return "Chats can be requested in private chats only" }
        return nil
    }

    /// TDLib's `check_link` with its error wording ("<what>URL '<url>' is invalid: <reason>"),
    /// then Telegram's refusal of links to bare IP addresses.
    private static func checkedURL(_ url: String, httpsOnly: Bool, what: String) throws -> String {
        let canonical: String
        switch LinkRules.check(url) {
        case .success(let checked):
            canonical = checked
            if httpsOnly && !checked.hasPrefix("https://") { throw invalidURL(url, "Only HTTPS links are allowed", what) }
        case .failure(let reason):
            // TDLib checks the scheme before the host, so an http link to a dotless host
            // fails on the scheme first.
            if httpsOnly && reason.description == "Wrong HTTP URL" && !url.lowercased().hasPrefix("https://") {
                throw invalidURL(url, "Only HTTPS links are allowed", what)
            }
            throw invalidURL(url, reason.description, what)
        }
        if pointsAtIPAddress(canonical) { throw APIError.badRequest("BUTTON_URL_INVALID") }
        return canonical
    }

    private static func invalidURL(_ url: String, _ reason: String, _ what: String) -> APIError {
        tdlibError("\(what)URL '\(url)' is invalid: \(reason)")
    }

    /// A TDLib message as the Bot API words it: first letter lower-cased.
    private static func tdlibError(_ message: String) -> APIError {
        .badRequest(message.prefix(1).lowercased() + message.dropFirst())
    }

    /// Whether a canonical http(s) URL's host is an IPv4 or IPv6 literal.
    private static func pointsAtIPAddress(_ url: String) -> Bool {
        guard let schemeEnd = url.range(of: "://"), url.hasPrefix("http") else { return false }
        var authority = url[schemeEnd.upperBound...].prefix { $0 != "/" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("[") { return true }
        let host = authority.prefix { $0 != ":" }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCIIDigit) }
    }

    /// `input_field_placeholder` is 1–64 characters (behaviour.md §5); Telegram refuses longer
    /// ones with its raw markup error.
    private static func checkPlaceholder(_ placeholder: String?) throws {
        if let placeholder, placeholder.count > 64 { throw APIError.badRequest("REPLY_MARKUP_INVALID") }
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
