import BotAPI
import Foundation
import Storage

/// `answerGuestQuery` (bots): the guest bot's answer to a `guest_message`: the result is
/// posted into the chat by the bot itself (converted as `sendInlineResult` converts a chosen
/// result), with `guest_bot_caller_user`. Answers `SentGuestMessage` with the message's
/// `inline_message_id`. Each query takes one answer, while its user waits.
enum AnswerGuestQuery: APIMethod {
    static let name = "answerGuestQuery"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let queryID = call.parameters["guest_query_id"] ?? ""
        let result = try InlineResults.parseSingle(call.parameters["result"])
        let bot = call.account, queries = call.engine.guestQueries
        try await InlineResults.check([result], bot: bot, engine: call.engine)
        // An unknown query is refused before any file is fetched.
        guard try await call.engine.write({ tx in try queries.openQuery(queryID, botID: bot.id, in: tx) }) != nil else {
            throw InlineQueries.tooOld
        }
        let ready = try await InlineSending.prepare(result, bot: bot, call: call)
        let inlineMessageID = try await call.engine.write { tx -> String in
            try InlineSending.checkText(of: result, bot: bot, in: tx.store)
            return try GuestQueries.answer(queryID, with: ready, by: bot, queries: queries, in: tx)
        }
        return MethodResult(SentGuestMessage(inlineMessageId: inlineMessageID))
    }
}
