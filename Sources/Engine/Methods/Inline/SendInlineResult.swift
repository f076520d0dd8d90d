import BotAPI
import Foundation
import Storage

/// `sendInlineResult` (user surface only, USER-API.md): the user picks one result of an
/// answered inline query; it is posted into `chat_id` as the user's message `via_bot` (see
/// ``InlineSending``). The bot gets `chosen_inline_result` if it turned `inline_feedback`
/// on, with the message's `inline_message_id` when the result has an inline keyboard.
///
/// Refusals use the raw codes Telegram gives a client: `QUERY_ID_INVALID` (no such answered
/// query of this user, or its results expired) and `RESULT_ID_INVALID` (no such result).
enum SendInlineResult: APIMethod {
    static let name = "sendInlineResult"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        var chatId: ChatID
        var queryId: String?
        var resultId: String?

        enum CodingKeys: String, CodingKey {
            case chatId = "chat_id", queryId = "query_id", resultId = "result_id"
        }
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let queryID = p.queryId ?? ""
        let now = call.engine.clock.now()
        // The chosen result, read first: its file (a URL download) is resolved before the
        // sending transaction, as every send resolves its files.
        let (bot, stored, result) = try await call.engine.store.read { store -> (AccountRecord, StoredInlineQuery, SettingsJSON) in
            guard let loaded = try InlineQueries.load(queryID, now: now, in: store), loaded.query.answered,
                  loaded.query.userID == user.id || !loaded.query.isPersonal,
                  let bot = try store.account(id: loaded.botID), !bot.isDeleted
            else { throw APIError.badRequest("QUERY_ID_INVALID") }
            let stored = loaded.query
            let results = stored.results.compactMap(SettingsJSON.parse)
            guard let result = results.first(where: { value in
                if case .object(let object) = value, (try? object.requiredString("id")) == p.resultId { return true }
                return false
            }) else { throw APIError.badRequest("RESULT_ID_INVALID") }
            return (bot, stored, result)
        }
        let ready = try await InlineSending.prepare(try InlineResults.parse(result), bot: bot, call: call)
        let message = try await call.engine.write { tx in
            let destination = try Outbox.destination(p.chatId, from: user, in: tx.store)
            let (message, inlineMessageID) = try InlineSending.send(ready, via: bot, from: user, to: destination, in: tx)
            try InlineSending.reportChoice(
                of: ready.result.id, query: stored.query, inlineMessageID: inlineMessageID, by: user, to: bot, in: tx)
            return message
        }
        return MethodResult(message)
    }
}
