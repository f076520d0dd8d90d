/// The `reply_markup` parameter: one of four markup objects, told apart by their keys.
///
/// The spec types it "InlineKeyboardMarkup or ReplyKeyboardMarkup or ReplyKeyboardRemove
/// or ForceReply". The JSON carries no discriminator, so decoding uses the official
/// server's precedence (`behaviour.md` §2.7):
/// 1. a non-empty `keyboard` → ``replyKeyboard(_:)``;
/// 2. a non-empty `inline_keyboard` → ``inlineKeyboard(_:)``;
/// 3. `remove_keyboard` present → ``removeKeyboard(_:)``;
/// 4. `force_reply` present → ``forceReply(_:)``;
/// 5. anything else is a decoding error.
///
/// "Non-empty" means: present and not an empty array. A present value that is not an array
/// at all selects that kind too, so the error then names the offending field.
/// (The legacy aliases `hide_keyboard`, `force_reply_keyboard` and `personal_keyboard` are
/// not recognised.)
public indirect enum ReplyMarkup: Sendable, Equatable, Decodable, JSONWritable {
    /// An inline keyboard attached to the message.
    case inlineKeyboard(InlineKeyboardMarkup)
    /// A custom reply keyboard.
    case replyKeyboard(ReplyKeyboardMarkup)
    /// Removes the current custom keyboard.
    case removeKeyboard(ReplyKeyboardRemove)
    /// Forces a reply interface.
    case forceReply(ForceReply)

    private enum CodingKeys: String, CodingKey {
        case keyboard
        case inlineKeyboard = "inline_keyboard"
        case removeKeyboard = "remove_keyboard"
        case forceReply = "force_reply"
    }

    /// Decodes only whether a JSON array is empty, without decoding its elements.
    private struct ArrayProbe: Decodable {
        let isEmpty: Bool
        init(from decoder: any Decoder) throws {
            isEmpty = try decoder.unkeyedContainer().isAtEnd
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func isNonEmpty(_ key: CodingKeys) -> Bool {
            guard container.contains(key) else { return false }
            return (try? container.decode(ArrayProbe.self, forKey: key))?.isEmpty != true
        }
        if isNonEmpty(.keyboard) {
            self = .replyKeyboard(try ReplyKeyboardMarkup(from: decoder))
        } else if isNonEmpty(.inlineKeyboard) {
            self = .inlineKeyboard(try InlineKeyboardMarkup(from: decoder))
        } else if container.contains(.removeKeyboard) {
            self = .removeKeyboard(try ReplyKeyboardRemove(from: decoder))
        } else if container.contains(.forceReply) {
            self = .forceReply(try ForceReply(from: decoder))
        } else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "can't parse reply keyboard markup JSON object"))
        }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        switch self {
        case .inlineKeyboard(let markup): markup.writeJSON(to: &writer)
        case .replyKeyboard(let markup): markup.writeJSON(to: &writer)
        case .removeKeyboard(let markup): markup.writeJSON(to: &writer)
        case .forceReply(let markup): markup.writeJSON(to: &writer)
        }
    }
}
