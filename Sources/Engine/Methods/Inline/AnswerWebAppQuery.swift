import BotAPI
import Foundation
import Storage

/// `answerWebAppQuery`: the bot's answer to a Web App query (``WebAppQueries``): the result
/// is sent from the user via the bot into the chat the app was opened from, converted as
/// `sendInlineResult` converts a chosen result. Answers `SentWebAppMessage`, with the
/// message's `inline_message_id` when the result has an inline keyboard.
enum AnswerWebAppQuery: APIMethod {
    static let name = "answerWebAppQuery"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let queryID = call.parameters["web_app_query_id"] ?? ""
        let result = try InlineResults.parseSingle(call.parameters["result"])
        let bot = call.account
        try await InlineResults.check([result], bot: bot, engine: call.engine)
        // An unknown query is refused before any file is fetched.
        let now = call.engine.clock.now()
        guard try await call.engine.store.read({ try $0.inlineRecord(kind: .webAppQuery, id: queryID, now: now) })?.botID == bot.id else {
            throw InlineQueries.tooOld
        }
        let ready = try await InlineSending.prepare(result, bot: bot, call: call)
        let inlineMessageID = try await call.engine.write { tx -> String? in
            try InlineSending.checkText(of: result, bot: bot, in: tx.store)
            let query = try WebAppQueries.take(queryID, botID: bot.id, in: tx)
            guard let user = try tx.store.account(id: query.userID), !user.isDeleted else { throw InlineQueries.tooOld }
            let destination: Outbox.Destination = try query.chatID.map { try Outbox.destination(.id(Int($0)), from: user, in: tx.store) }
                ?? .privateChat(peer: bot)
            return try InlineSending.send(ready, via: bot, from: user, to: destination, in: tx).inlineMessageID
        }
        return MethodResult(SentWebAppMessage(inlineMessageId: inlineMessageID))
    }
}
