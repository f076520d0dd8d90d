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
/// digits → 0), so `"123"` and `"123abc"` are `.id(123)`; an empty string is an error
/// (the official server answers "chat_id is empty"). A JSON number decodes directly.
/// Writing produces a JSON number for `.id` and `"@name"` for `.username`.
public enum ChatID: Sendable, Equatable, Hashable, Decodable, JSONWritable {
    /// A numeric chat id.
    case id(Int)
    /// A public username, without the leading `@`.
    case username(String)

    /// Parses the textual form the official server accepts (see the type's documentation).
    /// Returns `nil` for an empty string.
    public init?(parsing text: String) {
        guard let first = text.utf8.first else { return nil }
        if first == UInt8(ascii: "@") {
            self = .username(String(text.dropFirst()))
            return
        }
        var utf8 = text.utf8[...]
        var isNegative = false
        if first == UInt8(ascii: "-") {
            isNegative = true
            utf8 = utf8.dropFirst()
        }
        var value = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            value = value &* 10 &+ Int(byte &- UInt8(ascii: "0"))
        }
        self = .id(isNegative ? 0 &- value : value)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let parsed = ChatID(parsing: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "chat_id is empty")
            }
            self = parsed
        } else {
            self = .id(try container.decode(Int.self))
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
