/// A chat identifier as Bot API methods accept it: `chat_id`, `from_chat_id` and the like
/// are typed "Integer or String" in the spec.
///
/// - `.id(-1001234567890)`: a numeric chat id (users and bots positive, basic groups
///   negative, supergroups and channels `-100…`);
/// - `.username("channelname")`: a public `@username`, stored **without** the `@`.
///
/// Decoding follows the official server, which sees every parameter as text:
/// a JSON string starting with `@` is a username; any other string is read like
/// `td::to_integer` (optional `-`, then leading digits, anything after them ignored, no
/// digits → 0), so `"123"` and `"123abc"` are `.id(123)`; an id outside the ranges Telegram
/// gives (``isValidID(_:)``) reads as `.id(0)`, which names no chat; an empty string is an error
/// (the official server answers "chat_id is empty"). A JSON number decodes directly.
/// Writing produces a JSON number for `.id` and `"@name"` for `.username`.
public enum ChatID: Sendable, Equatable, Hashable, Decodable, JSONWritable {
    /// A numeric chat id.
    case id(Int)
    /// A public username, without the leading `@`.
    case username(String)

    /// The ids Telegram can give a chat (TDLib's `DialogId` ranges): users and bots
    /// `1...2^40-1`, basic groups `-999_999_999_999...-1`, supergroups and channels
    /// `-1_997_852_516_352...-1_000_000_000_001`.
    public static func isValidID(_ id: Int) -> Bool {
        (1...(1 << 40) - 1).contains(id) || (-999_999_999_999 ... -1).contains(id)
            || (-1_997_852_516_352 ... -1_000_000_000_001).contains(id)
    }

    /// A numeric id as the engine may use it: `id` when Telegram could have given it, else 0,
    /// which names no chat ("chat not found"). Checking the range here, where ids are parsed,
    /// keeps every later negation and offset arithmetic on ids in range.
    public static func checked(_ id: Int) -> ChatID {
        .id(isValidID(id) ? id : 0)
    }

    /// Parses the textual form the official server accepts (see the type's documentation).
    /// Returns `nil` for an empty string.
    public init?(parsing text: String) {
        guard let first = text.utf8.first else { return nil }
        if first == UInt8(ascii: "@") {
            self = .username(String(text.dropFirst()))
            return
        }
        self = .checked(LenientParse.integer(text))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let parsed = ChatID(parsing: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "chat_id is empty")
            }
            self = parsed
        } else if let number = try? container.decode(Int.self) {
            self = .checked(number)
        } else {
            // A JSON number beyond 64 bits (or with a fraction) names no chat either.
            _ = try container.decode(Double.self)
            self = .id(0)
        }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        switch self {
        case .id(let id): writer.int(id)
        case .username(let name): writer.string("@" + name)
        }
    }
}

extension ChatID: ExpressibleByIntegerLiteral {
    /// `let chat: ChatID = 42`
    public init(integerLiteral value: Int) {
        self = .id(value)
    }
}
