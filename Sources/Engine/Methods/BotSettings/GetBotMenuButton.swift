import BotAPI

/// `getBotMenuButton` (users): the menu button a client shows beside the message box in the
/// private chat with a bot — the one the bot set for this user, else its bot-wide one, else
/// `{"type":"commands"}` — so a client can open a `web_app` menu button (`openWebApp`).
/// The Bot API's `getChatMenuButton` is the bot's side of the same setting.
enum GetBotMenuButton: APIMethod {
    static let name = "getBotMenuButton"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let bot_id: Int64?
        let bot_username: String?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let button = try await call.engine.store.read { store in
            let bot = try StartBot.bot(id: p.bot_id, username: p.bot_username, in: store)
            return try MenuButtons.button(bot: bot.id, user: user.id, in: store)
        }
        return MethodResult(button)
    }
}
