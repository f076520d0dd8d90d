/// An error answered to a client: the envelope's `error_code`, `description` and optional
/// `parameters`. Descriptions are the official server's strings (behaviour.md §2), built
/// with the prefix of their code so call sites only write the message itself.
public struct APIError: Error, Sendable, Equatable {
    /// The HTTP status and `error_code`.
    public let code: Int
    /// The full description, prefix included, e.g. "Bad Request: chat not found".
    public let description: String
    /// `parameters.retry_after` of a 429.
    public var retryAfter: Int?
    /// `parameters.migrate_to_chat_id` of a 400 for an upgraded group.
    public var migrateToChatID: Int64?

    public init(code: Int, description: String, retryAfter: Int? = nil, migrateToChatID: Int64? = nil) {
        self.code = code
        self.description = description
        self.retryAfter = retryAfter
        self.migrateToChatID = migrateToChatID
    }

    /// 400 "Bad Request: <message>".
    public static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, description: "Bad Request: " + message)
    }

    /// 403 "Forbidden: <message>".
    public static func forbidden(_ message: String) -> APIError {
        APIError(code: 403, description: "Forbidden: " + message)
    }

    /// 409 "Conflict: <message>".
    public static func conflict(_ message: String) -> APIError {
        APIError(code: 409, description: "Conflict: " + message)
    }

    /// 401 "Unauthorized": a well-formed token that is unknown or revoked.
    public static let unauthorized = APIError(code: 401, description: "Unauthorized")
    /// 401 for a token that cannot be a token at all.
    public static let invalidToken = APIError(code: 401, description: "Unauthorized: invalid token specified")
    /// 421 for a token whose id part is not a decimal number.
    public static let unallowedToken = APIError(code: 421, description: "Misdirected Request: unallowed token specified")
    /// 404 for a path that is not an API call.
    public static let notFound = APIError(code: 404, description: "Not Found")
    /// 404 for a method name that does not exist.
    public static let methodNotFound = APIError(code: 404, description: "Not Found: method not found")

    /// 501 for a Bot API method this server does not implement yet. Never 404: clients read
    /// 404 as a bad token.
    public static func notImplemented(_ method: String) -> APIError {
        APIError(code: 501, description: "Not Implemented: method \(method) is not supported yet")
    }

    /// 500 for a failure that is not the client's: the description carries only `reference`,
    /// the id under which the failure was logged, never its internal text (paths, SQL).
    public static func internalError(reference: String) -> APIError {
        APIError(code: 500, description: "Internal Server Error: reference \(reference)")
    }

    /// 503 from `GET /health` while the store does not answer its health check.
    public static let storeUnreachable = APIError(code: 503, description: "Service Unavailable: the database does not answer")

    /// 429 with `retry_after`.
    public static func tooManyRequests(retryAfter: Int) -> APIError {
        APIError(code: 429, description: "Too Many Requests: retry after \(retryAfter)", retryAfter: retryAfter)
    }
}
