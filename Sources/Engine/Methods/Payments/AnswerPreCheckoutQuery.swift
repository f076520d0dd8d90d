import BotAPI

/// `answerPreCheckoutQuery` (bots): confirms the final order (`ok`) or refuses it with an
/// `error_message` the user sees; handed to the user's waiting `payInvoice`. Each query takes
/// one answer, and only while its user waits.
enum AnswerPreCheckoutQuery: APIMethod {
    static let name = "answerPreCheckoutQuery"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        // A missing id reads as 0, which is never a valid query.
        let queryID = call.parameters["pre_checkout_query_id"] ?? "0"
        let answer: PreCheckoutAnswer
        if call.parameters["ok"].map(LenientParse.bool) ?? false {
            answer = .ok
        } else {
            guard let message = call.parameters["error_message"] else { throw APIError.badRequest("parameter \"error_message\" is required") }
            answer = .refused(message)
        }
        let queries = call.engine.paymentQueries.preCheckout, botID = call.account.id
        guard try await call.engine.write({ tx in try queries.answer(queryID, botID: botID, with: answer, in: tx) }) else {
            throw PaymentQueries.expired
        }
        return .true
    }
}
