// Public value types of the Formatting module: what the engine hands in and gets back.
//
// Everything here speaks the Bot API's language: entity types are wire names ("bold",
// "text_link", ...) and offsets/lengths are UTF-16 code units, exactly as they appear in a
// `MessageEntity` JSON object.

/// One formatting or detected entity of a message text, as the Bot API's `MessageEntity`.
///
/// Offsets and lengths count UTF-16 code units (an emoji outside the BMP counts 2), because
/// that is what Telegram clients and TDLib use. Use ``Swift/String/utf16Length`` to measure.
///
/// Only the optional field that belongs to `type` is set:
/// `url` for `text_link`, `userID` for `text_mention`, `language` for `pre`,
/// `customEmojiID` for `custom_emoji`, `unixTime`/`dateTimeFormat` for `date_time`.
public struct TextEntity: Sendable, Equatable, Hashable {
    /// The Bot API wire name: "bold", "bot_command", "text_link", ...
    public var type: String
    /// Start, in UTF-16 code units.
    public var offset: Int
    /// Length, in UTF-16 code units.
    public var length: Int
    /// For `text_link`: the (normalised) URL.
    public var url: String?
    /// For `text_mention`: the mentioned user's id; the engine resolves it to a `User`.
    public var userID: Int?
    /// For `pre`: the programming language, if any.
    public var language: String?
    /// For `custom_emoji`: the decimal id of the custom emoji sticker.
    public var customEmojiID: String?
    /// For `date_time`: the Unix time the entity shows.
    public var unixTime: Int?
    /// For `date_time`: the canonical format ("r", or `w?[dD]?[tT]?`); nil shows the text as is.
    public var dateTimeFormat: String?

    public init(
        type: String, offset: Int, length: Int, url: String? = nil, userID: Int? = nil,
        language: String? = nil, customEmojiID: String? = nil, unixTime: Int? = nil,
        dateTimeFormat: String? = nil
    ) {
        self.type = type
        self.offset = offset
        self.length = length
        self.url = url
        self.userID = userID
        self.language = language
        self.customEmojiID = customEmojiID
        self.unixTime = unixTime
        self.dateTimeFormat = dateTimeFormat
    }
}

/// A text together with its entities: the result of parsing markup or of normalising a
/// message text.
public struct FormattedText: Sendable, Equatable, Hashable {
    public var text: String
    public var entities: [TextEntity]

    public init(text: String, entities: [TextEntity] = []) {
        self.text = text
        self.entities = entities
    }
}

/// A failure whose `description` is the part of the Bot API error after `"Bad Request: "`.
///
/// The texts follow the official server byte for byte, including its rule that only the first
/// letter of a TDLib message is lower-cased: `"can't parse entities: Unsupported start tag
/// \"foo\" at byte offset 0"`, `"text must be non-empty"`, `"message is too long"`.
public struct FormattingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// A markup parse failure: TDLib's detail keeps its capital letter behind the fixed prefix.
    static func parse(_ detail: String) -> FormattingError {
        FormattingError("can't parse entities: " + detail)
    }

    /// A TDLib message as the Bot API renders it: first letter lower-cased unless the second
    /// character is `_` or an upper-case ASCII letter (raw error codes stay intact).
    static func tdlib(_ message: String) -> FormattingError {
        var scalars = Array(message.unicodeScalars)
        if let first = scalars.first {
            let second = scalars.count > 1 ? scalars[1] : " "
            let keep = second == "_" || ("A"..."Z").contains(second)
            if !keep, let lowered = first.properties.lowercaseMapping.unicodeScalars.first,
                first.properties.lowercaseMapping.unicodeScalars.count == 1
            {
                scalars[0] = lowered
            }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return FormattingError(String(result))
    }
}

/// The markup dialects of the Bot API's `parse_mode` parameter.
public enum ParseMode: Sendable, Equatable {
    /// `HTML`: `<b>`, `<a href>`, `<pre><code class="language-x">`, `<tg-emoji>`, ...
    case html
    /// `MarkdownV2`: `*bold*`, `__underline__`, `||spoiler||`, `>quote`, reserved characters.
    case markdownV2
    /// `Markdown`: the legacy dialect with `*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````
    /// and `[text](url)`, no nesting.
    case markdown

    /// Reads a `parse_mode` value as the official server does (case-insensitive).
    ///
    /// - Returns: nil for `""` and `"None"`, meaning "no markup".
    /// - Throws: `FormattingError("unsupported parse_mode")` for anything else.
    public static func named(_ name: String) throws(FormattingError) -> ParseMode? {
        switch name.lowercased() {
        case "", "none": return nil
        case "html": return .html
        case "markdownv2": return .markdownV2
        case "markdown": return .markdown
        default: throw FormattingError("unsupported parse_mode")
        }
    }
}

/// What a text is used as; decides its length limit and whether it may be empty.
public enum TextKind: Sendable, Equatable {
    /// A message's `text`: 1...4096 characters, "message is too long" beyond.
    case messageText
    /// A media `caption`: 0...1024 characters, "message caption is too long" beyond.
    case caption
    /// A story's caption: 0...2048 characters.
    case storyCaption
    /// A checklist's title or task: never empty; its own limit (255 or 100 characters) is
    /// checked by the caller, after trimming, with the checklist's error texts.
    case checklistText

    /// The maximum length in Unicode code points (TDLib's "characters").
    public var maxLength: Int {
        switch self {
        case .messageText: 4096
        case .caption: 1024
        case .storyCaption: 2048
        case .checklistText: Int.max
        }
    }

    /// Whether an empty (or all-whitespace) text is accepted and yields "".
    public var allowsEmpty: Bool {
        switch self {
        case .messageText, .checklistText: false
        case .caption, .storyCaption: true
        }
    }

    var tooLongError: FormattingError {
        switch self {
        case .messageText: FormattingError("message is too long")
        case .caption: FormattingError("message caption is too long")
        case .storyCaption: FormattingError("story caption is too long")
        case .checklistText: FormattingError("text is too long")
        }
    }
}

extension String {
    /// Length in UTF-16 code units: the unit of entity offsets and lengths.
    public var utf16Length: Int { utf16.count }
}
