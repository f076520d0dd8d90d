import BotAPI
import Storage

/// `getBotMenuButton` (users): the menu button a person's app shows in the private chat with
/// a bot — the one the bot set for this user, else its bot-wide one — or
/// `{"type":"default"}` when it set none (Telegram's apps then show the command menu if the
/// bot has commands). Bots read theirs with `getChatMenuButton`, which answers the default
/// as `commands`.
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
            return try MenuButtons.chosen(bot: bot.id, user: user.id, in: store) ?? .default(MenuButtonDefault())
        }
        return MethodResult(button)
    }
}
