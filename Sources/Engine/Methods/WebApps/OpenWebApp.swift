import BotAPI
import Storage

/// `openWebApp` (users, USER-API.md): the user opens a bot's Mini App from one of its Web App
/// buttons (an inline button of the message `chat_id` + `message_id`, the reply keyboard's
/// button `button_text`, the button above the inline results of `inline_query_id`, the menu
/// button, or the reply keyboard) and gets
/// `{"url", "init_data"}`: the page to load and the signed init data Telegram would give it
/// (see ``WebAppLaunch``). A URL no such button opens is refused with Telegram's "URL_INVALID".
enum OpenWebApp: APIMethod {
    static let name = "openWebApp"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let bot_id: Int64?
        let bot_username: String?
        let url: String
        let chat_id: ChatID?
        let message_id: Int?
        /// This server's addition: the reply keyboard's button that was pressed.
        let button_text: String?
        /// This server's addition: the inline query (`sendInlineQuery`'s `query_id`) whose
        /// answer showed the `web_app` button above its results.
        let inline_query_id: String?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let opened = try await call.engine.write { tx in
            let bot = try StartBot.bot(id: p.bot_id, username: p.bot_username, in: tx.store)
            guard let source = try WebAppLaunch.source(
                of: p.url, bot: bot, user: user, chatID: p.chat_id, messageID: p.message_id, buttonText: p.button_text,
                inlineQueryID: p.inline_query_id, now: tx.now, in: tx.store)
            else { throw APIError.badRequest("URL_INVALID") }
            return OpenedWebApp(url: p.url, initData: try WebAppLaunch.initData(bot: bot, user: user, source: source, tx: tx))
        }
        return MethodResult(opened)
    }
}
