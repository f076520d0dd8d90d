// The internal entity model, mirroring TDLib's `MessageEntity`.
//
// The public `TextEntity` speaks wire names; the algorithms (sorting, nesting rules, merging)
// need TDLib's own type list with its priorities and groups, so they work on this type.

/// TDLib's entity types, in TDLib's declaration order (the order matters only for bit masks).
enum Kind: Int, Sendable, CaseIterable {
    case mention, hashtag, botCommand, url, email, bold, italic, code, pre, preCode
    case textURL, mentionName, cashtag, phoneNumber, underline, strikethrough, blockquote
    case bankCardNumber, mediaTimestamp, spoiler, customEmoji, expandableBlockquote, dateTime

    /// Sort key among entities with the same offset and length (lower goes first, i.e. outside).
    var priority: Int {
        switch self {
        case .mention, .hashtag, .botCommand, .url, .email, .cashtag, .phoneNumber,
            .bankCardNumber, .mediaTimestamp:
            50
        case .bold: 90
        case .italic: 91
        case .code: 20
        case .pre: 11
        case .preCode: 10
        case .textURL, .mentionName: 49
        case .underline: 92
        case .strikethrough: 93
        case .blockquote, .expandableBlockquote: 0
        case .spoiler: 94
        case .customEmoji: 99
        case .dateTime: 30
        }
    }

    var mask: Int { 1 << rawValue }

    /// Bold, italic, underline, strikethrough and spoiler may be cut into pieces and may nest
    /// in anything except code-like entities.
    var isSplittable: Bool { Kind.splittableMask & mask != 0 }
    var isBlockquote: Bool { Kind.blockquoteMask & mask != 0 }
    /// Entities that must stay whole and cannot contain each other (links, mentions, ...).
    var isContinuous: Bool { Kind.continuousMask & mask != 0 }
    /// Code-like entities: nothing may be nested inside them.
    var isPre: Bool { Kind.preMask & mask != 0 }

    static let splittableMask = [Kind.bold, .italic, .underline, .strikethrough, .spoiler].mask
    static let blockquoteMask = [Kind.blockquote, .expandableBlockquote].mask
    static let continuousMask = [
        Kind.mention, .hashtag, .botCommand, .url, .email, .textURL, .mentionName, .cashtag,
        .phoneNumber, .bankCardNumber, .mediaTimestamp, .customEmoji,
    ].mask
    static let preMask = [Kind.pre, .code, .preCode, .dateTime].mask

    /// Index of a splittable kind in per-type arrays (bold, italic, underline, strike, spoiler).
    var splittableIndex: Int {
        switch self {
        case .bold: 0
        case .italic: 1
        case .underline: 2
        case .strikethrough: 3
        default: 4
        }
    }

    static let splittableKinds: [Kind] = [.bold, .italic, .underline, .strikethrough, .spoiler]

    /// The name TDLib prints in "Can't find end of X entity" errors.
    var tdlibName: String {
        switch self {
        case .mention: "Mention"
        case .hashtag: "Hashtag"
        case .botCommand: "BotCommand"
        case .url: "Url"
        case .email: "EmailAddress"
        case .bold: "Bold"
        case .italic: "Italic"
        case .code: "Code"
        case .pre: "Pre"
        case .preCode: "PreCode"
        case .textURL: "TextUrl"
        case .mentionName: "MentionName"
        case .cashtag: "Cashtag"
        case .phoneNumber: "PhoneNumber"
        case .underline: "Underline"
        case .strikethrough: "Strikethrough"
        case .blockquote: "BlockQuote"
        case .bankCardNumber: "BankCardNumber"
        case .mediaTimestamp: "MediaTimestamp"
        case .spoiler: "Spoiler"
        case .customEmoji: "CustomEmoji"
        case .expandableBlockquote: "ExpandableBlockQuote"
        case .dateTime: "Date"
        }
    }

    /// The Bot API wire name; nil for kinds the Bot API never shows.
    var wireName: String? {
        switch self {
        case .mention: "mention"
        case .hashtag: "hashtag"
        case .botCommand: "bot_command"
        case .url: "url"
        case .email: "email"
        case .bold: "bold"
        case .italic: "italic"
        case .code: "code"
        case .pre, .preCode: "pre"
        case .textURL: "text_link"
        case .mentionName: "text_mention"
        case .cashtag: "cashtag"
        case .phoneNumber: "phone_number"
        case .underline: "underline"
        case .strikethrough: "strikethrough"
        case .blockquote: "blockquote"
        case .bankCardNumber: "bank_card_number"
        case .mediaTimestamp: nil
        case .spoiler: "spoiler"
        case .customEmoji: "custom_emoji"
        case .expandableBlockquote: "expandable_blockquote"
        case .dateTime: "date_time"
        }
    }
}

extension Array where Element == Kind {
    var mask: Int { reduce(0) { $0 | $1.mask } }
}

/// One entity in TDLib's model. `argument` is the URL of a text link or the language of a
/// pre-code block; the other payloads have their own fields.
struct Entity: Sendable, Equatable {
    var kind: Kind
    var offset: Int
    var length: Int
    var argument: String = ""
    var userID: Int64 = 0
    var customEmojiID: Int64 = 0
    var date: Int = 0
    var dateFlags: Int = 0

    var end: Int { offset + length }

    /// TDLib's order: by offset, then longer first (outer before inner), then by priority.
    @inline(__always)
    static func precedes(_ a: Entity, _ b: Entity) -> Bool {
        if a.offset != b.offset { return a.offset < b.offset }
        if a.length != b.length { return a.length > b.length }
        return a.kind.priority < b.kind.priority
    }
}

extension Array where Element == Entity {
    /// Sorts in TDLib's order, keeping the relative order of equal entities (TDLib's sort is
    /// unstable; stable is a deterministic refinement of it).
    mutating func sortEntities() {
        if isSortedEntities { return }
        if count <= 64 {
            // Entities arrive almost sorted: a stable insertion sort is the cheapest here.
            var i = 1
            while i < count {
                let e = self[i]
                var j = i
                while j > 0 && Entity.precedes(e, self[j - 1]) {
                    self[j] = self[j - 1]
                    j -= 1
                }
                self[j] = e
                i += 1
            }
            return
        }
        let sorted = enumerated().sorted { lhs, rhs in
            if Entity.precedes(lhs.element, rhs.element) { return true }
            if Entity.precedes(rhs.element, lhs.element) { return false }
            return lhs.offset < rhs.offset
        }
        self = sorted.map(\.element)
    }

    var isSortedEntities: Bool {
        var i = 1
        while i < count {
            if Entity.precedes(self[i], self[i - 1]) { return false }
            i += 1
        }
        return true
    }
}

/// TDLib's date-time flags and the canonical Bot API spelling of a date-time format.
enum DateTimeFormat {
    static let relative = 1
    static let shortTime = 2
    static let longTime = 4
    static let shortDate = 8
    static let longDate = 16
    static let dayOfWeek = 32

    /// TDLib's `get_date_flags`: "r"/"R" alone, or any mix of t T d D w W; nil if invalid.
    static func flags(_ format: String) -> Int? {
        if format == "r" || format == "R" { return relative }
        var flags = 0
        for byte in format.utf8 {
            switch byte {
            case UInt8(ascii: "t"): flags |= shortTime
            case UInt8(ascii: "T"): flags |= longTime
            case UInt8(ascii: "d"): flags |= shortDate
            case UInt8(ascii: "D"): flags |= longDate
            case UInt8(ascii: "w"), UInt8(ascii: "W"): flags |= dayOfWeek
            default: return nil
            }
        }
        return flags
    }

    /// How the official server writes the flags back: "r", or `w?[dD]?[tT]?` with the short
    /// variant winning when both were given; nil when no flag is set.
    static func canonical(_ flags: Int) -> String? {
        if flags & relative != 0 { return "r" }
        if flags == 0 { return nil }
        var result = ""
        if flags & dayOfWeek != 0 { result += "w" }
        if flags & shortDate != 0 {
            result += "d"
        } else if flags & longDate != 0 {
            result += "D"
        }
        if flags & shortTime != 0 {
            result += "t"
        } else if flags & longTime != 0 {
            result += "T"
        }
        return result
    }
}

extension TextEntity {
    /// Validates a `date_time_format` the way the Bot API does and returns the spelling the
    /// server answers with (nil for an empty format).
    ///
    /// - Throws: `FormattingError("invalid date-time format specified")`.
    public static func canonicalDateTimeFormat(_ format: String) throws(FormattingError) -> String? {
        guard let flags = DateTimeFormat.flags(format) else {
            throw FormattingError("invalid date-time format specified")
        }
        return DateTimeFormat.canonical(flags)
    }
}

extension Entity {
    /// The public form; nil for kinds the Bot API hides (media timestamps).
    var textEntity: TextEntity? {
        guard let name = kind.wireName else { return nil }
        var result = TextEntity(type: name, offset: offset, length: length)
        switch kind {
        case .preCode: result.language = argument
        case .textURL: result.url = argument
        case .mentionName: result.userID = Int(userID)
        case .customEmoji: result.customEmojiID = String(customEmojiID)
        case .dateTime:
            result.unixTime = date
            result.dateTimeFormat = DateTimeFormat.canonical(dateFlags)
        default: break
        }
        return result
    }
}

/// TDLib's `UserId::is_valid`: positive and below 2^40.
@inline(__always)
func isValidUserID(_ id: Int64) -> Bool {
    id > 0 && id < (Int64(1) << 40)
}
