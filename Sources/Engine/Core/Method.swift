import BotAPI
import Storage

/// One API method: its name, the surfaces that offer it and what it does.
///
/// Each method lives in its own file named after it, under `Engine/Methods/<Area>/`, e.g.
/// `Methods/Messages/SendMessage.swift`; ``MethodRegistry`` lists them all.
protocol APIMethod: Sendable {
    /// The canonical name, e.g. "sendMessage"; matched case-insensitively.
    static var name: String { get }
    /// The surfaces on which the method exists.
    static var surfaces: Set<Surface> { get }
    /// Runs the method. Throw ``APIError`` for answers clients should see; anything else
    /// becomes a 500.
    static func run(_ call: MethodCall) async throws -> MethodResult
    /// Whether a call with `parameters` may wait long enough (a long poll) for its client
    /// to go away meanwhile; the server then ends it when the connection closes.
    static func mayPark(_ parameters: Parameters) -> Bool
}

extension APIMethod {
    static func mayPark(_ parameters: Parameters) -> Bool { false }
}

/// Everything a method needs to run: the engine, the caller and the parameters.
struct MethodCall: Sendable {
    let engine: Engine
    let caller: Caller
    let parameters: Parameters
    /// Blobs this call wrote to the blob store (removed if the call fails).
    var newBlobs = NewBlobs()

    /// The calling account. Only admin methods run without one, and they never ask.
    var account: AccountRecord { caller.account! }

    /// Decodes the call's parameters into a generated parameter struct, turning decoding
    /// failures into the official descriptions.
    func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try parameters.decode(T.self)
        } catch {
            // A malformed keyboard is described as precisely as the official server does.
            if case .invalid(field: "reply_markup", _) = error, let shape = Keyboards.shapeError(in: parameters.rawValue("reply_markup")) {
                throw shape
            }
            throw APIError.parameterError(error)
        }
    }
}

/// A method's answer: the JSON of its `result` and, for a few methods, a `description`.
public struct MethodResult: Sendable {
    /// The encoded `result` value.
    public let json: [UInt8]
    /// The envelope's optional `description` (setWebhook and deleteWebhook use it).
    public let description: String?
    /// Set instead of an answer by a long poll that has to wait (``ParkedPoll``); the engine
    /// waits and resumes it, so a result that leaves the engine never has one.
    let parkedPoll: ParkedPoll?

    init(json: [UInt8], description: String? = nil) {
        self.json = json
        self.description = description
        self.parkedPoll = nil
    }

    private init(parked poll: ParkedPoll) {
        self.json = []
        self.description = nil
        self.parkedPoll = poll
    }

    /// The engine waits for `poll`'s updates, then resumes it.
    static func parked(_ poll: ParkedPoll) -> MethodResult { MethodResult(parked: poll) }

    /// A result encoded from any writable value.
    init(_ value: some JSONWritable, description: String? = nil) {
        self.init(json: value.jsonBytes, description: description)
    }

    /// `"result":true`.
    static let `true` = MethodResult(json: Array("true".utf8))
}

extension APIError {
    /// The official description for a parameter that failed to decode. Most missing
    /// parameters read `parameter "x" is required`; a few have their own wording.
    static func parameterError(_ error: ParameterError) -> APIError {
        switch error {
        case .missing(let name):
            switch name {
            case "chat_id": return .badRequest("chat_id is empty")
            case "text": return .badRequest("message text is empty")
            case "user_id": return .badRequest("invalid user_id specified")
            case "message_id": return .badRequest("message identifier is not specified")
            case "file_id": return .badRequest("file_id not specified")
            default: return .badRequest("parameter \"\(name)\" is required")
            }
        case .invalid(let field, let detail):
            switch field {
            case "reply_markup": return .badRequest("can't parse reply keyboard markup JSON object")
            case "reply_parameters": return .badRequest("can't parse reply parameters JSON object")
            case "link_preview_options": return .badRequest("can't parse link preview options JSON object")
            case "suggested_post_parameters": return .badRequest("can't parse suggested post parameters JSON object")
            case "": return .badRequest(detail)
            default: return .badRequest("can't parse \(field) JSON object")
            }
        }
    }
}
