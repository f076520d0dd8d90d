import BotAPI

/// `setChatMenuButton`: the menu button of one private chat (`chat_id`, a user id) or, without
/// `chat_id`, the bot-wide one. The button is parsed before `chat_id` is looked at, as on
/// the official server; parameters are read raw for the official parse errors.
enum SetChatMenuButton: APIMethod {
    static let name = "setChatMenuButton"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let button = try MenuButtons.parse(call.parameters["menu_button"])
        let bot = call.account
        let parameters = call.parameters
        try await call.engine.write { tx in
            let user = try MenuButtons.userID(parameters, bot: bot, in: tx.store)
            try MenuButtons.set(button, bot: bot.id, user: user, in: tx.store)
        }
        return .true
    }
}
