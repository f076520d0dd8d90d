import BotAPI

/// `getChatMenuButton`: the button a private chat shows (its own, else the bot-wide one,
/// else the default), or without `chat_id` the bot-wide one.
enum GetChatMenuButton: APIMethod {
    static let name = "getChatMenuButton"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let bot = call.account
        let parameters = call.parameters
        let button = try await call.engine.store.read { store in
            let user = try MenuButtons.userID(parameters, bot: bot, in: store)
            return try MenuButtons.button(bot: bot.id, user: user, in: store)
        }
        return MethodResult(button)
    }
}
