// Markup parsers for the Bot API's `parse_mode`: HTML, MarkdownV2 and legacy Markdown.
//
// Each is a byte-for-byte port of TDLib's `parse_html`, `parse_markdown_v2` and
// `parse_markdown` (td/telegram/MessageEntity.cpp), because bots match on their error texts
// and byte offsets. They read UTF-8 bytes with C-string semantics (`Bytes.at` yields 0 past
// the end), write the plain text to a byte buffer and count UTF-16 offsets as they go.

/// Turns markup into plain text plus entities, as TDLib's `parseTextEntities` does.
public enum EntityParser {
    /// Parses `text` written in `mode`.
    ///
    /// The result is what the official server gets before it normalises the message: entities
    /// are sorted but the text is not trimmed; pass the result to
    /// ``TextValidator/normalize(text:entities:kind:)`` to get what is stored and returned.
    ///
    /// - Throws: `FormattingError("can't parse entities: <detail>")`, the detail exactly as
    ///   TDLib words it, e.g. `Unsupported start tag "foo" at byte offset 0` or
    ///   `Character '.' is reserved and must be escaped with the preceding '\'`.
    public static func parse(_ text: String, mode: ParseMode) throws(FormattingError) -> FormattedText {
        let input = Array(text.utf8)
        let (bytes, entities): ([UInt8], [Entity])
        do {
            switch mode {
            case .html: (bytes, entities) = try HTMLParser.parse(input)
            case .markdownV2: (bytes, entities) = try MarkdownV2Parser.parse(input)
            case .markdown: (bytes, entities) = try MarkdownParser.parse(input)
            }
        } catch {
            throw FormattingError.parse(error.message)
        }
        return FormattedText(text: Utf8.string(bytes), entities: entities.compactMap(\.textEntity))
    }
}

/// A parse failure with TDLib's detail text (without the "can't parse entities: " prefix).
struct ParseError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

// MARK: - HTML

enum HTMLParser {
    static let supportedTags: Set<String> = [
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji",
        "tg-time", "span", "pre", "code", "blockquote",
    ]

    /// TDLib's `decode_html_entity`: `&lt;` `&gt;` `&amp;` `&quot;` and numeric references.
    /// Returns 0 (and leaves `pos`) when there is no valid reference at `pos`.
    static func decodeEntity(_ b: Bytes, _ pos: inout Int) -> UInt32 {
        var end = pos + 1
        var result: UInt32 = 0
        if b.at(pos + 1) == UInt8(ascii: "#") {
            end += 1
            if b.at(pos + 2) == UInt8(ascii: "x") {
                end += 1
                while ASCII.isHexDigit(b.at(end)) {
                    result = result &* 16 &+ ASCII.hexValue(b.at(end))
                    end += 1
                }
            } else {
                while ASCII.isDigit(b.at(end)) {
                    result = result &* 10 &+ UInt32(b.at(end) - 0x30)
                    end += 1
                }
            }
            if result == 0 || result >= 0x10FFFF || end - pos >= 10 { return 0 }
        } else {
            while ASCII.isAlpha(b.at(end)) { end += 1 }
            let name = Utf8.string(b.storage[min(pos + 1, b.count)..<min(end, b.count)])
            switch name {
            case "lt": result = 0x3C
            case "gt": result = 0x3E
            case "amp": result = 0x26
            case "quot": result = 0x22
            default: return 0
            }
        }
        pos = b.at(end) == UInt8(ascii: ";") ? end + 1 : end
        return result
    }

    private struct OpenTag {
        var name: String
        var argument: [UInt8]
        var date: Int
        var entityOffset: Int
        var beginPos: Int
    }

    static func parse(_ input: [UInt8]) throws(ParseError) -> ([UInt8], [Entity]) {
        let b = Bytes(input)
        let n = b.count
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var entities: [Entity] = []
        var utf16 = 0
        var hasSurrogate = false
        var stack: [OpenTag] = []

        var i = 0
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "&") {
                var p = i
                let code = decodeEntity(b, &p)
                if code != 0 {
                    i = p
                    utf16 += code > 0xFFFF ? 2 : 1
                    if code >= 0xD800 && code <= 0xDFFF { hasSurrogate = true }
                    Utf8.append(code, to: &out)
                    continue
                }
            }
            if c != UInt8(ascii: "<") {
                if Utf8.isFirstByte(c) { utf16 += Utf8.utf16Width(c) }
                out.append(c)
                i += 1
                continue
            }

            let beginPos = i
            i += 1
            if b.at(i) != UInt8(ascii: "/") {
                // a start tag
                while !ASCII.isSpace(b.at(i)) && b.at(i) != UInt8(ascii: ">") { i += 1 }
                if b.at(i) == 0 { throw ParseError("Unclosed start tag at byte offset \(beginPos)") }
                let tag = UTF8Lower.asciiLowered(input[(beginPos + 1)..<i])
                if !supportedTags.contains(tag) {
                    throw ParseError("Unsupported start tag \"\(tag)\" at byte offset \(beginPos)")
                }

                var argument: [UInt8] = []
                var date = 0
                while b.at(i) != UInt8(ascii: ">") {
                    while b.at(i) != 0 && ASCII.isSpace(b.at(i)) { i += 1 }
                    if b.at(i) == UInt8(ascii: ">") { break }
                    let nameBegin = i
                    while true {
                        let ch = b.at(i)
                        if ASCII.isSpace(ch) || ch == UInt8(ascii: "=") || ch == UInt8(ascii: ">")
                            || ch == UInt8(ascii: "/") || ch == UInt8(ascii: "\"") || ch == UInt8(ascii: "'")
                        {
                            break
                        }
                        i += 1
                    }
                    let attribute = Utf8.string(input[nameBegin..<i])
                    if attribute.isEmpty {
                        throw ParseError("Empty attribute name in the tag \"\(tag)\" at byte offset \(beginPos)")
                    }
                    while b.at(i) != 0 && ASCII.isSpace(b.at(i)) { i += 1 }
                    if b.at(i) != UInt8(ascii: "=") {
                        if b.at(i) == 0 {
                            throw ParseError("Unclosed start tag \"\(tag)\" at byte offset \(beginPos)")
                        }
                        if tag == "blockquote" && attribute == "expandable" { argument = [0x31] }
                        continue
                    }
                    i += 1
                    while b.at(i) != 0 && ASCII.isSpace(b.at(i)) { i += 1 }
                    if b.at(i) == 0 {
                        throw ParseError("Unclosed start tag \"\(tag)\" at byte offset \(beginPos)")
                    }

                    var value: [UInt8] = []
                    if b.at(i) != UInt8(ascii: "'") && b.at(i) != UInt8(ascii: "\"") {
                        // a name token: letters, digits, periods and hyphens, case-insensitive
                        let tokenBegin = i
                        while ASCII.isAlnum(b.at(i)) || b.at(i) == UInt8(ascii: ".") || b.at(i) == UInt8(ascii: "-") {
                            i += 1
                        }
                        value = input[tokenBegin..<i].map(ASCII.lower)
                        if !ASCII.isSpace(b.at(i)) && b.at(i) != UInt8(ascii: ">") {
                            throw ParseError("Unexpected end of name token at byte offset \(tokenBegin)")
                        }
                    } else {
                        // a quoted string, with character references decoded
                        let quote = b.at(i)
                        i += 1
                        while b.at(i) != quote && b.at(i) != 0 {
                            if b.at(i) == UInt8(ascii: "&") {
                                var p = i
                                let code = decodeEntity(b, &p)
                                if code != 0 {
                                    Utf8.append(code, to: &value)
                                    i = p
                                    continue
                                }
                            }
                            value.append(b.at(i))
                            i += 1
                        }
                        if b.at(i) == quote { i += 1 }
                    }
                    if b.at(i) == 0 { throw ParseError("Unclosed start tag at byte offset \(beginPos)") }

                    switch (tag, attribute) {
                    case ("a", "href"): argument = value
                    case ("code", "class") where value.starts(with: "language-".utf8):
                        argument = Array(value.dropFirst(9))
                    case ("span", "class") where value.starts(with: "tg-".utf8):
                        argument = Array(value.dropFirst(3))
                    case ("tg-emoji", "emoji-id"): argument = value
                    case ("blockquote", "expandable"): argument = [0x31]
                    case ("tg-time", "unix"): date = Int(Int32(truncatingIfNeeded: lenientInteger(value)))
                    case ("tg-time", "format"): argument = value
                    default: break
                    }
                }

                if tag == "span" && argument != Array("spoiler".utf8) {
                    throw ParseError("Tag \"span\" must have class \"tg-spoiler\" at byte offset \(beginPos)")
                }
                stack.append(OpenTag(name: tag, argument: argument, date: date, entityOffset: utf16, beginPos: out.count))
                i += 1  // past '>'
                continue
            }

            // an end tag
            guard let open = stack.last else {
                throw ParseError("Unexpected end tag at byte offset \(beginPos)")
            }
            while !ASCII.isSpace(b.at(i)) && b.at(i) != UInt8(ascii: ">") { i += 1 }
            let endTag = UTF8Lower.asciiLowered(input[min(beginPos + 2, i)..<i])
            while ASCII.isSpace(b.at(i)) && b.at(i) != 0 { i += 1 }
            if b.at(i) != UInt8(ascii: ">") {
                throw ParseError("Unclosed end tag at byte offset \(beginPos)")
            }
            let tag = open.name
            if !endTag.isEmpty && endTag != tag {
                throw ParseError(
                    "Unmatched end tag at byte offset \(beginPos), expected \"</\(tag)>\", found \"</\(endTag)>\"")
            }

            if utf16 > open.entityOffset {
                let offset = open.entityOffset
                let length = utf16 - offset
                func add(_ kind: Kind, argument: [UInt8] = []) {
                    entities.append(Entity(kind: kind, offset: offset, length: length, argument: Utf8.string(argument)))
                }
                switch tag {
                case "i", "em": add(.italic)
                case "b", "strong": add(.bold)
                case "s", "strike", "del": add(.strikethrough)
                case "u", "ins": add(.underline)
                case "tg-spoiler", "span": add(.spoiler)
                case "tg-emoji":
                    guard let id = strictInt64(open.argument), id != 0 else {
                        throw ParseError("Invalid custom emoji identifier specified")
                    }
                    var entity = Entity(kind: .customEmoji, offset: offset, length: length)
                    entity.customEmojiID = id
                    entities.append(entity)
                case "tg-time":
                    guard let flags = DateTimeFormat.flags(Utf8.string(open.argument)) else {
                        throw ParseError("Invalid date format used")
                    }
                    if open.date > 0 {
                        var entity = Entity(kind: .dateTime, offset: offset, length: length)
                        entity.date = open.date
                        entity.dateFlags = flags
                        entities.append(entity)
                    }
                case "a":
                    // without href the link text is the link
                    let url = open.argument.isEmpty ? Array(out[open.beginPos...]) : open.argument
                    if let userID = linkUserID(url) {
                        var entity = Entity(kind: .mentionName, offset: offset, length: length)
                        entity.userID = userID
                        entities.append(entity)
                    } else if let checked = checkedLink(url) {
                        entities.append(Entity(kind: .textURL, offset: offset, length: length, argument: checked))
                    }
                case "pre":
                    if let last = entities.last, last.kind == .code, last.offset == offset, last.length == length,
                        !last.argument.isEmpty
                    {
                        entities[entities.count - 1].kind = .preCode
                    } else {
                        add(.pre)
                    }
                case "code":
                    if let last = entities.last, last.kind == .pre, last.offset == offset, last.length == length,
                        !open.argument.isEmpty
                    {
                        entities[entities.count - 1].kind = .preCode
                        entities[entities.count - 1].argument = Utf8.string(open.argument)
                    } else {
                        add(.code, argument: open.argument)
                    }
                case "blockquote": add(open.argument.isEmpty ? .blockquote : .expandableBlockquote)
                default: break
                }
            }
            stack.removeLast()
            i += 1  // past '>'
        }
        if let open = stack.last {
            throw ParseError("Can't find end tag corresponding to start tag \"\(open.name)\"")
        }
        for k in entities.indices where entities[k].kind == .code {
            entities[k].argument = ""  // a language needs an enclosing <pre>
        }
        entities.sortEntities()
        if hasSurrogate {
            throw ParseError(
                "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units"
            )
        }
        return (out, entities)
    }
}

// MARK: - MarkdownV2

enum MarkdownV2Parser {
    private struct Open {
        var kind: Kind
        var argument: [UInt8]
        var entityOffset: Int
        var byteOffset: Int
        var beginPos: Int
    }

    private static let reserved: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in "_*[]()~`>#+-=|{}.!\n".utf8 { table[Int(c)] = true }
        return table
    }()

    private static func reservedError(_ c: UInt8) -> ParseError {
        ParseError("Character '\(Character(Unicode.Scalar(c)))' is reserved and must be escaped with the preceding '\\'")
    }

    /// Reads the `(...)` part of a link, where `\` escapes any ASCII character.
    private static func readURL(_ b: Bytes, _ i: inout Int) -> [UInt8] {
        var url: [UInt8] = []
        while i < b.count && b[i] != UInt8(ascii: ")") {
            if b[i] == UInt8(ascii: "\\") && b.at(i + 1) > 0 && b.at(i + 1) <= 126 {
                url.append(b.at(i + 1))
                i += 2
                continue
            }
            url.append(b[i])
            i += 1
        }
        return url
    }

    static func parse(_ input: [UInt8]) throws(ParseError) -> ([UInt8], [Entity]) {
        let b = Bytes(input)
        let n = b.count
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var entities: [Entity] = []
        var utf16 = 0
        var stack: [Open] = []
        var haveBlockquote = false
        var canStartBlockquote = true

        var i = -1
        while true {
            i += 1
            if i >= n { break }
            let c = b[i]
            if c == UInt8(ascii: "\\") && b.at(i + 1) > 0 && b.at(i + 1) <= 126 {
                i += 1
                utf16 += 1
                out.append(b[i])
                if b[i] != 0x0D { canStartBlockquote = b[i] == 0x0A }
                continue
            }

            let inCode = stack.last.map { $0.kind == .code || $0.kind == .pre || $0.kind == .preCode } ?? false
            let isReserved = inCode ? c == UInt8(ascii: "`") : reserved[Int(c)]
            if !isReserved {
                if Utf8.isFirstByte(c) {
                    utf16 += Utf8.utf16Width(c)
                    if c != 0x0D { canStartBlockquote = false }
                }
                out.append(c)
                continue
            }

            let isEnd: Bool = {
                guard let top = stack.last else { return false }
                if haveBlockquote && c == 0x0A && (i + 1 == n || b[i + 1] != UInt8(ascii: ">")) { return true }
                switch top.kind {
                case .bold: return c == UInt8(ascii: "*")
                case .italic: return c == UInt8(ascii: "_") && b.at(i + 1) != UInt8(ascii: "_")
                case .code: return c == UInt8(ascii: "`")
                case .pre, .preCode:
                    return c == UInt8(ascii: "`") && b.at(i + 1) == UInt8(ascii: "`") && b.at(i + 2) == UInt8(ascii: "`")
                case .textURL, .customEmoji: return c == UInt8(ascii: "]")
                case .underline: return c == UInt8(ascii: "_") && b.at(i + 1) == UInt8(ascii: "_")
                case .strikethrough: return c == UInt8(ascii: "~")
                case .spoiler: return c == UInt8(ascii: "|") && b.at(i + 1) == UInt8(ascii: "|")
                default: return false
                }
            }()

            if !isEnd {
                // the beginning of an entity
                let byteOffset = i
                var kind: Kind? = nil
                var argument: [UInt8] = []
                switch c {
                case UInt8(ascii: "_"):
                    if b.at(i + 1) == UInt8(ascii: "_") {
                        kind = .underline
                        i += 1
                    } else {
                        kind = .italic
                    }
                case UInt8(ascii: "*"): kind = .bold
                case UInt8(ascii: "~"): kind = .strikethrough
                case UInt8(ascii: "|"):
                    guard b.at(i + 1) == UInt8(ascii: "|") else { throw reservedError(c) }
                    i += 1
                    kind = .spoiler
                case UInt8(ascii: "["): kind = .textURL
                case UInt8(ascii: "`"):
                    if b.at(i + 1) == UInt8(ascii: "`") && b.at(i + 2) == UInt8(ascii: "`") {
                        i += 3
                        kind = .pre
                        var languageEnd = i
                        while !ASCII.isSpace(b.at(languageEnd)) && b.at(languageEnd) != UInt8(ascii: "`") {
                            languageEnd += 1
                        }
                        if i != languageEnd && languageEnd < n && b.at(languageEnd) != UInt8(ascii: "`") {
                            kind = .preCode
                            argument = Array(input[i..<languageEnd])
                            i = languageEnd
                        }
                        // one line break right after the opening fence is not part of the text
                        let x = b.at(i)
                        if x == 0x0A || x == 0x0D {
                            let y = b.at(i + 1)
                            i += (y == 0x0A || y == 0x0D) && x != y ? 2 : 1
                        }
                        i -= 1
                    } else {
                        kind = .code
                    }
                case UInt8(ascii: "!"):
                    guard b.at(i + 1) == UInt8(ascii: "[") else { throw reservedError(c) }
                    i += 1
                    kind = .customEmoji
                case 0x0A:
                    utf16 += 1
                    out.append(0x0A)
                    canStartBlockquote = true
                case UInt8(ascii: ">"):
                    guard canStartBlockquote else { throw reservedError(c) }
                    if !haveBlockquote {
                        kind = .blockquote
                        haveBlockquote = true
                    }
                default:
                    throw reservedError(c)
                }
                guard let kind else { continue }
                stack.append(Open(kind: kind, argument: argument, entityOffset: utf16, byteOffset: byteOffset, beginPos: out.count))
                continue
            }

            // the end of an entity
            var kind = stack[stack.count - 1].kind
            if c == 0x0A && kind != .blockquote {
                // only "||" right before the line break may end an expandable quotation
                let top = stack[stack.count - 1]
                if kind != .spoiler
                    || !(top.byteOffset == i - 2 || (top.byteOffset == i - 3 && out.last == 0x0D))
                {
                    throw ParseError("Can't find end of \(kind.tdlibName) entity at byte offset \(top.byteOffset)")
                }
                stack.removeLast()
                guard let quote = stack.last else { throw ParseError("Can't find end of Spoiler entity at byte offset \(top.byteOffset)") }
                if quote.kind != .blockquote {
                    throw ParseError("Can't find end of \(quote.kind.tdlibName) entity at byte offset \(quote.byteOffset)")
                }
                kind = .expandableBlockquote
            }
            let top = stack[stack.count - 1]
            var argument = top.argument
            var userID: Int64 = 0
            var customEmojiID: Int64 = 0
            var date = 0
            var dateFlags = 0
            var skip = utf16 == top.entityOffset
            switch kind {
            case .bold, .italic, .code, .strikethrough: break
            case .underline, .spoiler: i += 1
            case .pre, .preCode: i += 2
            case .textURL:
                var url: [UInt8]
                if b.at(i + 1) != UInt8(ascii: "(") {
                    url = Array(out[top.beginPos...])  // the text is the link
                } else {
                    i += 2
                    let urlBegin = i
                    url = readURL(b, &i)
                    if b.at(i) != UInt8(ascii: ")") {
                        throw ParseError("Can't find end of a URL at byte offset \(urlBegin)")
                    }
                }
                if let id = linkUserID(url) {
                    userID = id
                } else if let checked = checkedLink(url) {
                    argument = Array(checked.utf8)
                } else {
                    skip = true
                }
            case .customEmoji:
                if b.at(i + 1) != UInt8(ascii: "(") {
                    throw ParseError("The entity must contain a tg://emoji or tg://time URL")
                }
                i += 2
                let urlBegin = i
                let url = readURL(b, &i)
                if b.at(i) != UInt8(ascii: ")") {
                    throw ParseError("Can't find end of a URL at byte offset \(urlBegin)")
                }
                if case .success(let id) = linkCustomEmojiID(url) {
                    customEmojiID = id
                } else if let link = linkDateTime(url) {
                    guard let flags = DateTimeFormat.flags(link.format) else {
                        throw ParseError("Invalid date format used")
                    }
                    date = link.date
                    dateFlags = flags
                    kind = .dateTime
                } else {
                    throw ParseError("Invalid tg://emoji or tg://time URL specified")
                }
            case .blockquote, .expandableBlockquote:
                haveBlockquote = false
                out.append(c)
                canStartBlockquote = true
                utf16 += 1
                skip = false
            default: break
            }

            if !skip {
                var entity = Entity(kind: kind, offset: top.entityOffset, length: utf16 - top.entityOffset)
                if isValidUserID(userID) {
                    entity.kind = .mentionName
                    entity.userID = userID
                } else if customEmojiID != 0 {
                    entity.customEmojiID = customEmojiID
                } else if date != 0 {
                    entity.date = date
                    entity.dateFlags = dateFlags
                } else {
                    entity.argument = Utf8.string(argument)
                }
                entities.append(entity)
            }
            stack.removeLast()
        }

        if haveBlockquote, var top = stack.last {
            var kind = Kind.blockquote
            if top.kind == .spoiler && top.byteOffset == n - 2 {
                // "||" at the very end marks the quotation expandable
                stack.removeLast()
                kind = .expandableBlockquote
                if let next = stack.last { top = next }
            }
            if top.kind == .blockquote {
                haveBlockquote = false
                let length = utf16 - top.entityOffset
                if length != 0 { entities.append(Entity(kind: kind, offset: top.entityOffset, length: length)) }
                stack.removeLast()
            }
        }
        if let top = stack.last {
            throw ParseError("Can't find end of \(top.kind.tdlibName) entity at byte offset \(top.byteOffset)")
        }
        entities.sortEntities()
        return (out, entities)
    }
}

// MARK: - Markdown (legacy)

enum MarkdownParser {
    static func parse(_ input: [UInt8]) throws(ParseError) -> ([UInt8], [Entity]) {
        let b = Bytes(input)
        let n = b.count
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var entities: [Entity] = []
        var utf16 = 0
        func isMarkup(_ c: UInt8) -> Bool {
            c == UInt8(ascii: "_") || c == UInt8(ascii: "*") || c == UInt8(ascii: "`") || c == UInt8(ascii: "[")
        }

        var i = -1
        while true {
            i += 1
            if i >= n { break }
            let c = b[i]
            if c == UInt8(ascii: "\\") && isMarkup(b.at(i + 1)) {
                i += 1
                out.append(b[i])
                utf16 += 1
                continue
            }
            if !isMarkup(c) {
                if Utf8.isFirstByte(c) { utf16 += Utf8.utf16Width(c) }
                out.append(c)
                continue
            }

            // the beginning of an entity
            let beginPos = i
            let endCharacter = c == UInt8(ascii: "[") ? UInt8(ascii: "]") : c
            var isPre = false
            i += 1
            var language: [UInt8] = []
            if c == UInt8(ascii: "`") && b.at(i) == UInt8(ascii: "`") && b.at(i + 1) == UInt8(ascii: "`") {
                i += 2
                isPre = true
                var languageEnd = i
                while !ASCII.isSpace(b.at(languageEnd)) && b.at(languageEnd) != UInt8(ascii: "`") { languageEnd += 1 }
                if i != languageEnd && languageEnd < n && b.at(languageEnd) != UInt8(ascii: "`") {
                    language = Array(input[i..<languageEnd])
                    i = languageEnd
                }
                let x = b.at(i)
                if x == 0x0A || x == 0x0D {
                    let y = b.at(i + 1)
                    i += (y == 0x0A || y == 0x0D) && x != y ? 2 : 1
                }
            }

            let entityOffset = utf16
            while i < n
                && (b[i] != endCharacter
                    || (isPre && !(b.at(i + 1) == UInt8(ascii: "`") && b.at(i + 2) == UInt8(ascii: "`"))))
            {
                let ch = b[i]
                if Utf8.isFirstByte(ch) { utf16 += Utf8.utf16Width(ch) }
                out.append(ch)
                i += 1
            }
            if i >= n {
                throw ParseError("Can't find end of the entity starting at byte offset \(beginPos)")
            }

            if entityOffset != utf16 {
                let length = utf16 - entityOffset
                switch c {
                case UInt8(ascii: "_"): entities.append(Entity(kind: .italic, offset: entityOffset, length: length))
                case UInt8(ascii: "*"): entities.append(Entity(kind: .bold, offset: entityOffset, length: length))
                case UInt8(ascii: "["):
                    var url: [UInt8]
                    if b.at(i + 1) != UInt8(ascii: "(") {
                        url = Array(input[(beginPos + 1)..<i])  // the text is the link
                    } else {
                        i += 2
                        url = []
                        while i < n && b[i] != UInt8(ascii: ")") {
                            url.append(b[i])
                            i += 1
                        }
                    }
                    if let userID = linkUserID(url) {
                        var entity = Entity(kind: .mentionName, offset: entityOffset, length: length)
                        entity.userID = userID
                        entities.append(entity)
                    } else if let checked = checkedLink(url) {
                        entities.append(Entity(kind: .textURL, offset: entityOffset, length: length, argument: checked))
                    }
                default:
                    if isPre {
                        if language.isEmpty {
                            entities.append(Entity(kind: .pre, offset: entityOffset, length: length))
                        } else {
                            entities.append(
                                Entity(kind: .preCode, offset: entityOffset, length: length, argument: Utf8.string(language)))
                        }
                    } else {
                        entities.append(Entity(kind: .code, offset: entityOffset, length: length))
                    }
                }
            }
            if isPre { i += 2 }
        }
        return (out, entities)
    }
}
