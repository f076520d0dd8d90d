import BotAPI
import Formatting
import Foundation

/// `answerCallbackQuery`: the bot's answer to a button press, handed to the user's waiting
/// `sendCallbackQuery`. Each query takes one answer, and only while its user waits.
enum AnswerCallbackQuery: APIMethod {
    static let name = "answerCallbackQuery"
    static let surfaces: Set<Surface> = [.bot]

    /// `cache_time` is clamped to 0…30 days (behaviour.md §5).
    static let maxCacheTime = 2_592_000

    static func run(_ call: MethodCall) async throws -> MethodResult {
        // A missing id reads as 0, which is never a valid query (behaviour.md §2.12).
        let queryID = call.parameters["callback_query_id"] ?? "0"
        let text = call.parameters["text"]
        // Telegram refuses notifications over 200 characters with its raw code.
        if let text, text.unicodeScalars.count > 200 { throw APIError.badRequest("MESSAGE_TOO_LONG") }
        let url = call.parameters["url"]
        let answer = CallbackQueries.Answer(
            text: text, showAlert: call.parameters["show_alert"].map(LenientParse.bool) ?? false,
            url: url,
            cacheTime: min(max(call.parameters["cache_time"].map(LenientParse.integer) ?? 0, 0), maxCacheTime))
        let bot = call.account, queries = call.engine.callbackQueries
        let answered = try await call.engine.write { tx -> Bool in
            // The URL is checked first, whatever the query: only a game's query may open a game.
            if let url, !opensBot(url, username: bot.username),
               !opensGame(url, isGameQuery: try queries.openQuery(queryID, botID: bot.id, in: tx)?.isGame ?? false) {
                throw APIError.badRequest("URL_INVALID")
            }
            return try queries.answer(queryID, botID: bot.id, with: answer, in: tx)
        }
        guard answered else {
            throw APIError.badRequest("query is too old and response timeout expired or query ID is invalid")
        }
        return .true
    }

    /// Whether `url` is the game to open for a game button's query: any http(s) link (on
    /// Telegram, the game URL registered with BotFather; games here have none registered).
    static func opensGame(_ url: String, isGameQuery: Bool) -> Bool {
        guard isGameQuery, case .success(let canonical) = LinkRules.check(url) else { return false }
        return canonical.hasPrefix("http://") || canonical.hasPrefix("https://")
    }

    /// Whether `url` is a `t.me/<this bot>?start=…` link, the only kind Telegram lets a
    /// callback answer open besides a game's URL (``opensGame(_:isGameQuery:)``).
    static func opensBot(_ url: String, username: String?) -> Bool {
        guard let username, case .success(let canonical) = LinkRules.check(url),
              let components = URLComponents(string: canonical),
              let host = components.host?.lowercased(), ["t.me", "telegram.me", "telegram.dog", "www.t.me"].contains(host)
        else { return false }
        return components.path.lowercased() == "/" + username.lowercased()
            && (components.queryItems ?? []).contains { $0.name == "start" }
    }
}
