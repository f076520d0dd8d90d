import BotAPI
import Storage

/// `answerChatJoinRequestQuery` (bots): the answer to a join request put to the bot
/// (`chat_join_request` with `query_id`): `approve` admits the user, `decline` drops the
/// request, `queue` leaves it to the chat's administrators. The user's waiting `joinChat`
/// learns the outcome; each query takes one answer, while its user waits.
enum AnswerChatJoinRequestQuery: APIMethod {
    static let name = "answerChatJoinRequestQuery"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let queryID = call.parameters["chat_join_request_query_id"] ?? ""
        let raw = call.parameters["result"] ?? ""
        guard let result = JoinRequestAnswer.Result(rawValue: raw), result != .webApp else {
            throw APIError.badRequest("result must be one of \"approve\", \"decline\" or \"queue\"")
        }
        let bot = call.account, queries = call.engine.joinRequestQueries
        try await call.engine.write { tx in
            try JoinRequestQueries.answer(queryID, with: JoinRequestAnswer(result: result), by: bot, queries: queries, in: tx)
        }
        return .true
    }
}
