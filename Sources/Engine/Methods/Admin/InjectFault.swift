import BotAPI
import Storage

/// `injectFault` (admin, USER-API.md "Test controls"): the next `count` calls of a Bot API
/// method (by one bot with `bot_id`, else by any bot) answer `error_code` and
/// `description`, with `parameters.retry_after` and the Retry-After header when
/// `retry_after` is given, instead of running.
///
/// This server's extensions (docs/user-api-extensions.md): `delay` (seconds) makes the calls
/// answer that much later, with the error if one is given, else running normally; `method`
/// `webhookDelivery` loses the next `count` webhook deliveries (to `bot_id`, else to any
/// bot) as a broken connection would, so they are retried on the official schedule.
enum InjectFault: APIMethod {
    static let name = "injectFault"
    static let surfaces: Set<Surface> = [.admin]

    /// Bounds, so a typo cannot park a bot for days or fill memory.
    static let maxCount = 1000
    static let maxRetryAfter = 86_400
    static let maxDescriptionLength = 1000
    /// Longer than a client's usual timeout, shorter than a long poll.
    static let maxDelay = 60
    /// The `method` that names webhook deliveries rather than a Bot API method.
    static let webhookDelivery = "webhookDelivery"

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p = call.parameters
        guard let methodText = p["method"], !methodText.isEmpty else { throw APIError.badRequest("parameter \"method\" is required") }
        let target: Faults.Fault.Target
        if methodText.caseInsensitiveCompare(webhookDelivery) == .orderedSame {
            guard ["error_code", "description", "retry_after", "delay"].allSatisfy({ p[$0] == nil }) else {
                throw APIError.badRequest("webhook deliveries can only be dropped: error_code, description, retry_after and delay don't apply")
            }
            target = .webhookDelivery
        } else {
            guard let method = call.engine.canonicalMethodName(methodText, on: .bot) else {
                throw APIError.badRequest("method \(methodText) is not a Bot API method")
            }
            target = .method(method)
        }
        var delay: Duration?
        if let text = p["delay"] {
            guard let seconds = Int(text), (1...maxDelay).contains(seconds) else {
                throw APIError.badRequest("delay must be 1 to \(maxDelay) seconds")
            }
            delay = .seconds(seconds)
        }
        let error = target == .webhookDelivery ? nil : try answer(p, optional: delay != nil)
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
        call.engine.faults.add(Faults.Fault(target: target, botID: botID, delay: delay, error: error, remaining: count))
        return .true
    }

    /// The error the calls answer: `error_code`, `description` and `retry_after`; nil when
    /// `optional` (a delay alone) and no `error_code` is given.
    private static func answer(_ p: Parameters, optional: Bool) throws -> APIError? {
        guard let codeText = p["error_code"] else {
            if optional {
                guard p["description"] == nil, p["retry_after"] == nil else {
                    throw APIError.badRequest("parameter \"error_code\" is required")
                }
                return nil
            }
            throw APIError.badRequest("parameter \"error_code\" is required")
        }
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
        return APIError(code: code, description: description, retryAfter: retryAfter)
    }
}
