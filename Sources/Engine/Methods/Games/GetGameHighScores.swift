import BotAPI
import Storage

/// `getGameHighScores` (bots): the player's place in the high-score table of a game
/// message's chat, with two neighbours on each side and the top three (see
/// ``Games/neighbourhood(of:in:)``). The message is named by `chat_id` + `message_id`, or by
/// `inline_message_id` for a game sent via the bot in inline mode (the table of the chat it
/// was sent to).
enum GetGameHighScores: APIMethod {
    static let name = "getGameHighScores"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let what = "message to get game high scores"
        let target = try Games.target(of: call, what: what)
        let bot = call.account
        let now = call.engine.clock.now()
        let scores = try await call.engine.store.read { store in
            let loaded = try Games.load(target, bot: bot, what: what, now: now, in: store)
            let table = try store.gameScores(gameID: loaded.game.id, scope: Games.scope(of: loaded.chat))
            return try Games.neighbourhood(of: loaded.player.id, in: table).compactMap { entry -> GameHighScore? in
                guard let account = try store.account(id: entry.score.userID) else { return nil }
                return GameHighScore(position: entry.position, user: Views.user(account), score: Int(entry.score.score))
            }
        }
        return MethodResult(scores)
    }
}
