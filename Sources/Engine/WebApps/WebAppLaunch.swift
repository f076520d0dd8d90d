import BotAPI
import Crypto
import Formatting
import Foundation
import Storage

/// Opening a bot's Mini App as a user: where the URL comes from, and the init data the
/// Mini App receives (Telegram's `window.Telegram.WebApp.initData`).
enum WebAppLaunch {
    /// Where a Mini App was opened from. Only buttons the bot showed the user open one.
    enum Source: Equatable {
        /// A `web_app` inline button of a message in `chat`.
        case inlineButton(ChatRecord)
        /// The bot's menu button.
        case menuButton
        /// A `web_app` button of the bot's current reply keyboard (which answers with
        /// `sendWebAppData`, not `answerWebAppQuery`, so it gets no `query_id`).
        case keyboardButton
        /// The `web_app` button a bot put above its inline results (answerInlineQuery's
        /// `button`): no chat, as Telegram opens it, and a `query_id` for `answerWebAppQuery`.
        case inlineResultsButton
    }

    /// Whether the bot showed `user` a Web App button that opens `url`: above the results of
    /// the inline query `inlineQueryID` when given, else on the message `messageID` of `chatID`
    /// when given, else the reply keyboard's button `buttonText` when given, else the menu
    /// button or the reply keyboard. A URL can be both the menu's and a
    /// keyboard button's; only the client knows which was pressed, and Telegram opens them
    /// differently (a keyboard's Mini App has no `query_id` and answers with `sendData`).
    static func source(
        of url: String, bot: AccountRecord, user: AccountRecord, chatID: ChatID?, messageID: Int?, buttonText: String?,
        inlineQueryID: String? = nil, now: Int64, in store: any StoreReader
    ) throws -> Source? {
        // Buttons keep their URL in TDLib's canonical form (`example.com` → `http://example.com/`).
        let canonical = if case .success(let checked) = LinkRules.check(url) { checked } else { url }
        let opens: (WebAppInfo?) -> Bool = { info in info.map { $0.url == url || $0.url == canonical } ?? false }
        if let inlineQueryID {
            // The answer the user was shown: its own query, or a shared (not personal) cached one.
            guard let (botID, query) = try InlineQueries.load(inlineQueryID, now: now, in: store), botID == bot.id, query.answered,
                  query.userID == user.id || !query.isPersonal
            else { throw APIError.badRequest("QUERY_ID_INVALID") }
            return opens(query.buttonWebApp) ? .inlineResultsButton : nil
        }
        if let chatID {
            let chat = try ChatMessages.chat(chatID, viewer: user, in: store)
            guard let stored = try ChatMessages.load(messageID ?? 0, in: chat, from: store) else {
                throw APIError.badRequest("MESSAGE_ID_INVALID")
            }
            let buttons = (stored.message.replyMarkup?.inlineKeyboard ?? []).joined()
            guard stored.record.senderID == bot.id, buttons.contains(where: { opens($0.webApp) }) else { return nil }
            return .inlineButton(chat)
        }
        if let buttonText {
            let keyboard = try ReplyKeyboards.current(bot: bot.id, user: user.id, in: store)
            let named = (keyboard?.keyboard ?? []).joined().filter { $0.webApp != nil && $0.text == buttonText }
            guard !named.isEmpty else { throw APIError.badRequest("BUTTON_TEXT_INVALID") }
            return named.contains(where: { opens($0.webApp) }) ? .keyboardButton : nil
        }
        if case .webApp(let menu) = try MenuButtons.button(bot: bot.id, user: user.id, in: store), opens(menu.webApp) {
            return .menuButton
        }
        let keyboard = try ReplyKeyboards.current(bot: bot.id, user: user.id, in: store)
        if (keyboard?.keyboard ?? []).joined().contains(where: { opens($0.webApp) }) { return .keyboardButton }
        return nil
    }

    /// The init data for `user` opening `bot`'s Mini App from `source`, signed (see
    /// ``WebAppSigning``), as the URL-encoded query string Telegram hands the Mini App.
    static func initData(bot: AccountRecord, user: AccountRecord, source: Source, tx: Transaction) throws -> String {
        var fields: [(key: String, value: String)] = []
        if source != .keyboardButton {
            // Web App buttons live only in private chats with the bot, which is where the
            // answer goes (nil, for WebAppQueries).
            let issued = try WebAppQueries.issueWebAppQuery(user: user, bot: bot, chat: nil, in: tx)
            fields.append(("query_id", issued.queryID))
        }
        fields.append(("user", String(decoding: WebAppUser(user).jsonBytes, as: UTF8.self)))
        if case .inlineButton(let chat) = source {
            fields.append(("chat_instance", ChatInstance.of(chat)))
            fields.append(("chat_type", chat.kind.rawValue))
        }
        fields.append(("auth_date", String(tx.now)))
        let key = try WebAppSigning.signingKey(in: tx.store)
        fields.append(("signature", try WebAppSigning.signature(fields, botID: bot.id, key: key)))
        fields.append(("hash", WebAppSigning.hash(fields, botToken: "\(bot.id):\(bot.tokenSecret)")))
        return fields.map { "\($0.key)=\(percentEncoded($0.value))" }.joined(separator: "&")
    }

    /// `text` with everything but unreserved characters percent-encoded, so that `+` and
    /// spaces survive any query-string parser.
    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// The `user` field of init data: Telegram's WebAppUser object.
struct WebAppUser: JSONWritable {
    let account: AccountRecord

    init(_ account: AccountRecord) { self.account = account }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", Int(account.id))
        writer.member("first_name", account.firstName)
        writer.optionalMember("last_name", account.lastName)
        writer.optionalMember("username", account.username)
        writer.optionalMember("language_code", account.languageCode)
        if account.isPremium { writer.member("is_premium", true) }
        // The user opened the bot's own Mini App from its chat, so the bot may write to them.
        writer.member("allows_write_to_pm", true)
        writer.endObject()
    }
}

/// `openWebApp`'s answer: `{"url", "init_data"}`.
struct OpenedWebApp: JSONWritable {
    let url: String
    let initData: String

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("url", url)
        writer.member("init_data", initData)
        writer.endObject()
    }
}
