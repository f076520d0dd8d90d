import BotAPI

/// `answerShippingQuery` (bots): the shipping options for a flexible invoice's address, or
/// the reason there are none, handed to the user's waiting `payInvoice`. Each query takes
/// one answer, and only while its user waits.
enum AnswerShippingQuery: APIMethod {
    static let name = "answerShippingQuery"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        // A missing id reads as 0, which is never a valid query.
        let queryID = call.parameters["shipping_query_id"] ?? "0"
        let answer: ShippingAnswer
        if call.parameters["ok"].map(LenientParse.bool) ?? false {
            guard let options = call.parameters["shipping_options"] else {
                throw APIError.badRequest("parameter \"shipping_options\" is required")
            }
            answer = .options(try InvoiceRules.shippingChoices(options))
        } else {
            guard let message = call.parameters["error_message"] else { throw APIError.badRequest("parameter \"error_message\" is required") }
            answer = .refused(message)
        }
        let queries = call.engine.paymentQueries.shipping, botID = call.account.id
        guard try await call.engine.write({ tx in try queries.answer(queryID, botID: botID, with: answer, in: tx) }) else {
            throw PaymentQueries.expired
        }
        return .true
    }
}
