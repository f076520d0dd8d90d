import BotAPI
import Storage

/// `injectFault` (admin, USER-API.md "Test controls"): the next `count` calls of a Bot API
/// method (by one bot with `bot_id`, else by any bot) answer `error_code` and
/// `description`, with `parameters.retry_after` and the Retry-After header when
/// `retry_after` is given, instead of running.
enum InjectFault: APIMethod {
    static let name = "injectFault"
    static let surfaces: Set<Surface> = [.admin]

    /// Bounds, so a typo cannot park a bot for days or fill memory.
    static let maxCount = 1000
    static let maxRetryAfter = 86_400
    static let maxDescriptionLength = 1000

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p = call.parameters
        guard let methodText = p["method"], !methodText.isEmpty else { throw APIError.badRequest("parameter \"method\" is required") }
        guard let method = call.engine.canonicalMethodName(methodText, on: .bot) else {
            throw APIError.badRequest("method \(methodText) is not a Bot API method")
        }
        guard let codeText = p["error_code"] else { throw APIError.badRequest("parameter \"error_code\" is required") }
        guard let code = Int(codeText), (400...599).contains(code) else {
            throw APIError.badRequest("error_code must be an HTTP error status, 400 to 599")
        }
        guard let description = p["description"], !description.isEmpty else {
            throw APIError.badRequest("parameter \"description\" is required")
        }
        guard description.count <= maxDescriptionLength else { throw APIError.badRequest("description is too long") }
        var retryAfter: Int?
        if let text = p["retry_after"] {
            guard let value = Int(text), (1...maxRetryAfter).contains(value) else {
                throw APIError.badRequest("retry_after must be 1 to \(maxRetryAfter) seconds")
            }
            retryAfter = value
        }
        var count = 1
        if let text = p["count"] {
            guard let value = Int(text), (1...maxCount).contains(value) else { throw APIError.badRequest("count must be 1 to \(maxCount)") }
            count = value
        }
        var botID: Int64?
        if let text = p["bot_id"] {
            guard let id = Int64(text), id > 0 else { throw APIError.badRequest("bot not found") }
            let bot = try await call.engine.store.read { try $0.account(id: id) }
            guard let bot, bot.isBot, !bot.isDeleted else { throw APIError.badRequest("bot not found") }
            botID = id
        }
        call.engine.faults.add(Faults.Fault(
            method: method, botID: botID, error: APIError(code: code, description: description, retryAfter: retryAfter),
            remaining: count))
        return .true
    }
}
