import BotAPI
import Storage

/// `getBotCommands` (users): the commands a client's command menu shows for a bot in a chat,
/// resolved in Telegram's client-side order (``CommandMenu``) with the user's language.
/// Without `chat_id`, or with the bot's id, the chat is the private chat with the bot; a
/// group's id names a group both the user and the bot are in.
enum GetBotCommands: APIMethod {
    static let name = "getBotCommands"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let bot_id: Int64?
        let bot_username: String?
        let chat_id: Int64?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let now = call.engine.clock.now()
        let commands = try await call.engine.store.read { store in
            let bot = try StartBot.bot(id: p.bot_id, username: p.bot_username, in: store)
            let context: CommandMenu.Context
            switch p.chat_id {
            case nil, .some(bot.id):
                context = CommandMenu.Context(kind: .privateChat, chatID: user.id, userID: user.id, isAdministrator: false)
            case let id? where id < 0:
                guard let group = try CommandMenu.groupContext(chatID: id, user: user, bot: bot, now: now, in: store) else {
                    throw APIError.badRequest("chat not found")
                }
                context = group
            default:
                // A private chat with someone else does not contain the bot.
                throw APIError.badRequest("chat not found")
            }
            return try CommandMenu.commands(of: bot.id, for: context, language: CommandMenu.language(of: user), in: store)
        }
        return MethodResult(commands)
    }
}
