import BotAPI
import Storage

/// `setGameScore` (bots): a player's score in the high-score table of a game message's
/// chat. Without `force` only a higher score is kept ("BOT_SCORE_NOT_MODIFIED" otherwise);
/// with `force` a score of 0 takes the player off the table; unless `disable_edit_message`,
/// the game message is edited to show the scoreboard.
/// Answers the game message, or True for a game sent via the bot in inline mode
/// (`inline_message_id`), as for every inline message edit.
enum SetGameScore: APIMethod {
    static let name = "setGameScore"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let what = "message to set game score"
        let target = try Games.target(of: call, what: what)
        let parameters = call.parameters
        // The official server reads the score as a 32-bit integer; Telegram refuses negative ones.
        let score = parameters["score"].map(LenientParse.integer) ?? 0
        guard (0...Int(Int32.max)).contains(score) else { throw APIError.badRequest("SCORE_INVALID") }
        let force = parameters["force"].map(LenientParse.bool) ?? false
        // `edit_message` is the parameter's old, inverted name.
        let editMessage = parameters.rawValue("disable_edit_message").map { !LenientParse.bool($0) }
            ?? parameters.rawValue("edit_message").map(LenientParse.bool) ?? true
        let bot = call.account
        let answer = try await call.engine.write { tx -> Message? in
            let loaded = try Games.load(target, bot: bot, what: what, now: tx.now, in: tx.store)
            let (chat, game, player) = (loaded.chat, loaded.game, loaded.player)
            let scope = Games.scope(of: chat)
            let current = try tx.store.gameScores(gameID: game.id, scope: scope).first { $0.userID == player.id }
            if let current, !force, Int64(score) <= current.score { throw APIError.badRequest("BOT_SCORE_NOT_MODIFIED") }
            if let current, Int64(score) == current.score { throw APIError.badRequest("BOT_SCORE_NOT_MODIFIED") }
            if force && score == 0 {
                // A forced zero takes the player off the table (TDLib's documented rule).
                try tx.store.deleteGameScore(gameID: game.id, scope: scope, userID: player.id)
            } else {
                try tx.store.save(GameScoreRecord(gameID: game.id, scope: scope, userID: player.id, score: Int64(score), date: tx.now))
            }
            var updated = loaded.stored
            if editMessage, var shown = updated.message.game {
                let board = try Games.scoreboard(tx.store.gameScores(gameID: game.id, scope: scope), in: tx.store)
                shown.text = board.isEmpty ? nil : board
                if shown != updated.message.game {
                    updated.message.game = shown
                    updated.message.editDate = Int(tx.now)
                    try ChatMessages.save(updated, in: tx.store)
                    if loaded.isInline {
                        try InlineMessages.announceEdit(of: updated, in: chat, by: bot, tx: tx)
                    } else {
                        try ChatMessages.announceEdit(updated.message, in: chat, by: bot, tx: tx)
                    }
                }
            }
            guard !loaded.isInline else { return nil }
            return try ChatMessages.view(updated.message, in: chat, for: bot, in: tx.store)
        }
        guard var message = answer else { return .true }
        message.replyToMessage = nil
        return MethodResult(message)
    }
}
