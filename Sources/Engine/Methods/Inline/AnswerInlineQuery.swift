import BotAPI
import Foundation
import Storage

/// `answerInlineQuery`: the bot's results for a user's inline query, handed to the user's
/// waiting `sendInlineQuery` and kept for `sendInlineResult`. Everything is checked as the
/// official server checks it (the Bot API layer's parse errors, then TDLib's and Telegram's),
/// and only then the query id: each query takes one answer, and only while its user waits.
enum AnswerInlineQuery: APIMethod {
    static let name = "answerInlineQuery"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        // A missing id reads as 0, which is never a valid query (behaviour.md §2.12).
        let queryID = call.parameters["inline_query_id"] ?? "0"
        let isPersonal = call.parameters["is_personal"].map(LenientParse.bool) ?? false
        let cacheTime = min(
            max(call.parameters["cache_time"].map(LenientParse.integer) ?? InlineQueries.defaultCacheTime, 0), InlineQueries.maxCacheTime)
        let nextOffset = call.parameters["next_offset"] ?? ""
        let button = try InlineResultsButton.parse(call.parameters)
        let results = try InlineResults.parseList(call.parameters["results"])

        let bot = call.account
        if let button { try InlineResultsButton.check(button) }
        guard nextOffset.utf8.count <= InlineQueries.maxNextOffsetBytes else { throw APIError.badRequest("NEXT_OFFSET_INVALID") }
        try await InlineResults.check(results, bot: bot, engine: call.engine)

        let queries = call.engine.inlineQueries
        try await call.engine.write { tx in
            // Only an open query's results are checked further.
            guard try queries.openQuery(queryID, botID: bot.id, in: tx) != nil else { throw InlineQueries.tooOld }
            for result in results { try InlineSending.checkText(of: result, bot: bot, in: tx.store) }
            guard let loaded = try InlineQueries.load(queryID, now: tx.now, in: tx.store), loaded.botID == bot.id, !loaded.query.answered else {
                throw InlineQueries.tooOld
            }
            var stored = loaded.query
            stored.answered = true
            stored.results = results.map(\.json.text)
            stored.nextOffset = nextOffset.nonEmpty
            stored.button = button.map(\.json)
            stored.cacheTime = cacheTime
            stored.isPersonal = isPersonal
            try InlineQueries.storeAnswer(stored, queryID: queryID, botID: bot.id, in: tx)
            guard try queries.answer(queryID, botID: bot.id, with: stored.answer(queryID: queryID), in: tx) else { throw InlineQueries.tooOld }
        }
        return .true
    }
}
