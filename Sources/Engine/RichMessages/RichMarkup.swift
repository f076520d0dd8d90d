import BotAPI
import Formatting
import Foundation

/// The `html` and `markdown` forms of a rich message, read into blocks, and the entities
/// Telegram detects by itself in plain text.
///
/// This reads the common part of Telegram's "Rich HTML" and "Rich Markdown" styles:
/// paragraphs, headings, preformatted code, dividers, block quotations, (nested) lists,
/// collapsible details, media given by `tg://<kind>?id=` links, and the inline styles
/// (bold, italic, underline, strikethrough, spoiler, code, marked, sub/superscript, links).
/// Tags and syntax outside it are read as their content.
enum RichMarkup {
    // MARK: Detected entities

    /// `string` with the URLs, mentions, hashtags, cashtags, bot commands, e-mail addresses
    /// and phone numbers Telegram finds in it as their rich text kinds.
    static func detected(_ string: String) -> RichText {
        let entities = EntityDetector.detect(in: string)
        guard !entities.isEmpty else { return .plain(string) }
        return richText(string, entities: entities)
    }

    /// Text with (possibly nested) entities as one rich text.
    static func richText(_ string: String, entities: [TextEntity]) -> RichText {
        let units = Array(string.utf16)
        let sorted = entities.sorted { ($0.offset, -$0.length) < ($1.offset, -$1.length) }
        return build(units, range: 0..<units.count, entities: sorted[...])
    }

    private static func build(_ units: [UInt16], range: Range<Int>, entities: ArraySlice<TextEntity>) -> RichText {
        func plain(_ r: Range<Int>) -> RichText? {
            r.isEmpty ? nil : .plain(String(decoding: units[r], as: UTF16.self))
        }
        var parts: [RichText] = []
        var cursor = range.lowerBound
        var rest = entities
        while let entity = rest.first {
            rest = rest.dropFirst()
            let start = max(entity.offset, cursor)
            let end = min(entity.offset + entity.length, range.upperBound)
            guard start < end else { continue }
            let inside = rest.prefix { $0.offset < end }
            rest = rest.dropFirst(inside.count)
            if let before = plain(cursor..<start) { parts.append(before) }
            let content = build(units, range: start..<end, entities: inside)
            let raw = String(decoding: units[start..<end], as: UTF16.self)
            parts.append(wrap(content, raw: raw, as: entity))
            cursor = end
        }
        if let tail = plain(cursor..<range.upperBound) { parts.append(tail) }
        return parts.count == 1 ? parts[0] : .concatenation(parts)
    }

    private static func wrap(_ text: RichText, raw: String, as entity: TextEntity) -> RichText {
        switch entity.type {
        case "bold": .bold(RichTextBold(text: text))
        case "italic": .italic(RichTextItalic(text: text))
        case "underline": .underline(RichTextUnderline(text: text))
        case "strikethrough": .strikethrough(RichTextStrikethrough(text: text))
        case "spoiler": .spoiler(RichTextSpoiler(text: text))
        case "code", "pre": .code(RichTextCode(text: text))
        case "text_link": .url(RichTextUrl(text: text, url: entity.url ?? raw))
        case "url": .url(RichTextUrl(text: text, url: raw))
        case "email": .emailAddress(RichTextEmailAddress(text: text, emailAddress: raw))
        case "phone_number": .phoneNumber(RichTextPhoneNumber(text: text, phoneNumber: raw))
        case "mention": .mention(RichTextMention(text: text, username: String(raw.drop { $0 == "@" })))
        case "hashtag": .hashtag(RichTextHashtag(text: text, hashtag: raw))
        case "cashtag": .cashtag(RichTextCashtag(text: text, cashtag: raw))
        case "bot_command": .botCommand(RichTextBotCommand(text: text, botCommand: raw))
        case "custom_emoji": .customEmoji(RichTextCustomEmoji(customEmojiId: entity.customEmojiID ?? "", alternativeText: raw))
        case "date_time":
            .dateTime(RichTextDateTime(text: text, unixTime: entity.unixTime ?? 0, dateTimeFormat: entity.dateTimeFormat ?? ""))
        default: text
        }
    }

    /// Markup may be longer than its text, but not without bound: four times the text limit.
    private static func checkSize(_ markup: String) throws {
        guard markup.utf16.count <= 4 * RichMessageLimits.characters else { throw APIError.badRequest("rich message is too long") }
    }

    static let tooDeep = APIError.badRequest("rich message nesting is too deep")

    static func parseError(_ detail: String) -> APIError {
        APIError.badRequest("can't parse rich message: \(detail)")
    }

    // MARK: HTML

    /// The blocks of a rich message given as HTML.
    static func blocks(html: String, detectEntities: Bool) throws -> [InputRichBlock] {
        try checkSize(html)
        var parser = HTMLTreeParser(Array(html.unicodeScalars))
        let root = try parser.parse()
        return try HTMLBlocks().blocks(root.children)
    }

    // MARK: Markdown

    /// The blocks of a rich message given as Markdown.
    static func blocks(markdown: String, detectEntities: Bool) throws -> [InputRichBlock] {
        try checkSize(markdown)
        var lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        return try MarkdownBlocks.blocks(&lines, depth: 1)
    }
}

// MARK: - HTML tree

/// One node of a parsed HTML fragment.
final class HTMLNode {
    let name: String
    let attributes: [String: String]
    var children: [HTMLNode] = []
    /// For text nodes (`name` empty): the decoded text.
    let text: String

    init(name: String, attributes: [String: String] = [:], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.text = text
    }
}

/// A lenient HTML fragment parser: unknown closing tags are ignored, unclosed tags end with
/// their parent, void elements need no closing tag.
struct HTMLTreeParser {
    private let s: [Unicode.Scalar]
    private var i = 0
    private static let voidTags: Set<String> = ["br", "hr", "img", "video", "audio", "source", "tg-emoji-void"]

    init(_ scalars: [Unicode.Scalar]) { s = scalars }

    mutating func parse() throws -> HTMLNode {
        let root = HTMLNode(name: "#root")
        var stack = [root]
        var text = ""
        func flush() {
            if !text.isEmpty { stack[stack.count - 1].children.append(HTMLNode(name: "", text: text)); text = "" }
        }
        while i < s.count {
            let c = s[i]
            if c == "<" {
                flush()
                let (name, attributes, closing, selfClosing) = try tag()
                if closing {
                    if let index = stack.lastIndex(where: { $0.name == name }), index > 0 { stack.removeSubrange(index...) }
                    continue
                }
                let node = HTMLNode(name: name, attributes: attributes)
                stack[stack.count - 1].children.append(node)
                if !selfClosing && !Self.voidTags.contains(name) {
                    // Deeper markup than a rich message may nest is refused before it is walked.
                    guard stack.count <= 2 * RichMessageLimits.depth else { throw RichMarkup.tooDeep }
                    stack.append(node)
                }
            } else if c == "&" {
                text += entity()
            } else {
                text.unicodeScalars.append(c)
                i += 1
            }
        }
        flush()
        return root
    }

    private mutating func tag() throws -> (String, [String: String], Bool, Bool) {
        i += 1
        var closing = false
        if i < s.count, s[i] == "/" { closing = true; i += 1 }
        let name = word().lowercased()
        guard !name.isEmpty else { throw RichMarkup.parseError("unexpected \"<\" at byte offset \(i)") }
        var attributes: [String: String] = [:]
        var selfClosing = false
        while i < s.count, s[i] != ">" {
            if s[i] == "/" { selfClosing = true; i += 1; continue }
            if s[i].properties.isWhitespace { i += 1; continue }
            let key = word().lowercased()
            guard !key.isEmpty else { i += 1; continue }
            var value = ""
            if i < s.count, s[i] == "=" {
                i += 1
                if i < s.count, s[i] == "\"" || s[i] == "'" {
                    let quote = s[i]
                    i += 1
                    while i < s.count, s[i] != quote {
                        if s[i] == "&" { value += entity() } else { value.unicodeScalars.append(s[i]); i += 1 }
                    }
                    i += 1
                } else {
                    value = word()
                }
            }
            attributes[key] = value
        }
        guard i < s.count else { throw RichMarkup.parseError("unclosed start tag \"\(name)\"") }
        i += 1
        return (name, attributes, closing, selfClosing)
    }

    private mutating func word() -> String {
        var result = ""
        while i < s.count, s[i] == "-" || s[i] == "_" || s[i] == ":" || s[i].properties.isAlphabetic || (48...57).contains(s[i].value) {
            result.unicodeScalars.append(s[i])
            i += 1
        }
        return result
    }

    /// An HTML character reference (`&lt;`, `&#38;`, `&#x26;`), or a lone `&`.
    private mutating func entity() -> String {
        let named = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "nbsp": "\u{a0}"]
        var j = i + 1
        var body = ""
        while j < s.count, j - i <= 10, s[j] != ";" { body.unicodeScalars.append(s[j]); j += 1 }
        if j < s.count, s[j] == ";" {
            var value: String?
            if let replacement = named[body] { value = replacement }
            else if body.hasPrefix("#x") || body.hasPrefix("#X"), let code = UInt32(body.dropFirst(2), radix: 16) { value = Unicode.Scalar(code).map { String(Character($0)) } }
            else if body.hasPrefix("#"), let code = UInt32(body.dropFirst()) { value = Unicode.Scalar(code).map { String(Character($0)) } }
            if let value { i = j + 1; return value }
        }
        i += 1
        return "&"
    }
}

/// HTML nodes as rich blocks and rich texts.
struct HTMLBlocks {
    private static let blockTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "hr", "ul", "ol", "details", "img", "video", "audio",
        "footer", "aside", "tg-math-block", "div",
    ]

    func blocks(_ nodes: [HTMLNode]) throws -> [InputRichBlock] {
        var result: [InputRichBlock] = []
        var inline: [HTMLNode] = []
        func flushInline() {
            let text = self.text(inline)
            if !RichMarkupText.isBlank(text) { result.append(.paragraph(InputRichBlockParagraph(text: RichMarkupText.trimmed(text)))) }
            inline = []
        }
        for node in nodes {
            guard Self.blockTags.contains(node.name) else { inline.append(node); continue }
            flushInline()
            if let block = try block(node) { result.append(block) }
        }
        flushInline()
        return result
    }

    private func block(_ node: HTMLNode) throws -> InputRichBlock? {
        switch node.name {
        case "p", "div": return .paragraph(InputRichBlockParagraph(text: RichMarkupText.trimmed(text(node.children))))
        case "h1", "h2", "h3", "h4", "h5", "h6":
            return .sectionHeading(InputRichBlockSectionHeading(text: text(node.children), size: Int(String(node.name.last!)) ?? 1))
        case "pre":
            let code = node.children.first { $0.name == "code" }
            let language = code?.attributes["class"].flatMap { $0.hasPrefix("language-") ? String($0.dropFirst(9)) : nil }
            return .preformatted(InputRichBlockPreformatted(text: .plain(plainText(node.children)), language: language))
        case "hr": return .divider(InputRichBlockDivider())
        case "footer": return .footer(InputRichBlockFooter(text: text(node.children)))
        case "aside": return .pullQuotation(InputRichBlockPullQuotation(text: text(node.children)))
        case "tg-math-block": return .mathematicalExpression(InputRichBlockMathematicalExpression(expression: plainText(node.children)))
        case "blockquote":
            if node.attributes["expandable"] != nil {
                return .expandableBlockQuotation(InputRichBlockExpandableBlockQuotation(text: text(node.children)))
            }
            return .blockQuotation(InputRichBlockBlockQuotation(blocks: try blocks(node.children)))
        case "ul", "ol":
            let ordered = node.name == "ol"
            var start = Int(node.attributes["start"] ?? "") ?? 1
            var items: [InputRichBlockListItem] = []
            for li in node.children where li.name == "li" {
                items.append(InputRichBlockListItem(
                    blocks: try blocks(li.children), value: ordered ? start : nil, type: ordered ? (node.attributes["type"] ?? "1") : nil))
                start += 1
            }
            return .list(InputRichBlockList(items: items))
        case "details":
            let summary = node.children.first { $0.name == "summary" }
            return .details(InputRichBlockDetails(
                summary: text(summary?.children ?? []), blocks: try blocks(node.children.filter { $0.name != "summary" }),
                isOpen: node.attributes["open"] != nil ? true : nil))
        case "img", "video", "audio":
            guard let source = node.attributes["src"] else { throw RichMarkup.parseError("media without src") }
            return try MarkdownBlocks.mediaBlock(source)
        default: return nil
        }
    }

    private func plainText(_ nodes: [HTMLNode]) -> String {
        nodes.map { $0.name.isEmpty ? $0.text : ($0.name == "br" ? "\n" : plainText($0.children)) }.joined()
    }

    func text(_ nodes: [HTMLNode]) -> RichText {
        let parts = nodes.compactMap(inline)
        return parts.count == 1 ? parts[0] : .concatenation(parts)
    }

    private func inline(_ node: HTMLNode) -> RichText? {
        if node.name.isEmpty { return .plain(node.text) }
        let content = text(node.children)
        switch node.name {
        case "b", "strong": return .bold(RichTextBold(text: content))
        case "i", "em": return .italic(RichTextItalic(text: content))
        case "u", "ins": return .underline(RichTextUnderline(text: content))
        case "s", "strike", "del": return .strikethrough(RichTextStrikethrough(text: content))
        case "tg-spoiler": return .spoiler(RichTextSpoiler(text: content))
        case "span" where node.attributes["class"] == "tg-spoiler": return .spoiler(RichTextSpoiler(text: content))
        case "code": return .code(RichTextCode(text: content))
        case "mark": return .marked(RichTextMarked(text: content))
        case "sub": return .subscript(RichTextSubscript(text: content))
        case "sup": return .superscript(RichTextSuperscript(text: content))
        case "tg-math": return .mathematicalExpression(RichTextMathematicalExpression(expression: plainText(node.children)))
        case "br": return .plain("\n")
        case "a":
            guard let href = node.attributes["href"] else { return content }
            if href.hasPrefix("#") { return .anchorLink(RichTextAnchorLink(text: content, anchorName: String(href.dropFirst()))) }
            if href.hasPrefix("mailto:") { return .emailAddress(RichTextEmailAddress(text: content, emailAddress: String(href.dropFirst(7)))) }
            if href.hasPrefix("tel:") { return .phoneNumber(RichTextPhoneNumber(text: content, phoneNumber: String(href.dropFirst(4)))) }
            if href.hasPrefix("tg://user?id="), let id = Int(href.dropFirst("tg://user?id=".count)) {
                return .textMention(RichTextTextMention(text: content, user: User(id: id, isBot: false, firstName: "")))
            }
            if let name = node.attributes["name"], href.isEmpty { return .anchor(RichTextAnchor(name: name)) }
            return .url(RichTextUrl(text: content, url: href))
        default: return content
        }
    }
}

/// Helpers on the rich texts the markup readers make.
enum RichMarkupText {
    static func isBlank(_ text: RichText) -> Bool {
        switch text {
        case .plain(let s): s.allSatisfy(\.isWhitespace)
        case .concatenation(let parts): parts.allSatisfy(isBlank)
        default: false
        }
    }

    /// Leading and trailing white space of a paragraph's outer plain parts removed.
    static func trimmed(_ text: RichText) -> RichText {
        switch text {
        case .plain(let s): return .plain(s.trimmingCharacters(in: .whitespacesAndNewlines))
        case .concatenation(var parts):
            if case .plain(let first)? = parts.first { parts[0] = .plain(String(first.drop { $0.isWhitespace })) }
            if case .plain(let last)? = parts.last { parts[parts.count - 1] = .plain(String(last.reversed().drop { $0.isWhitespace }.reversed())) }
            return parts.count == 1 ? parts[0] : .concatenation(parts)
        default: return text
        }
    }
}

// MARK: - Markdown

/// Rich Markdown, line by line: `#` headings, fenced code, `---` dividers, `>` quotations,
/// `-`/`*`/`1.` lists, `$$` formulas, `![](tg://…)` media, paragraphs between blank lines.
enum MarkdownBlocks {
    static func blocks(_ lines: inout ArraySlice<String>, depth: Int) throws -> [InputRichBlock] {
        guard depth <= RichMessageLimits.depth else { throw RichMarkup.tooDeep }
        var result: [InputRichBlock] = []
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { result.append(.paragraph(InputRichBlockParagraph(text: MarkdownInline.parse(paragraph.joined(separator: "\n"))))) }
            paragraph = []
        }
        while let line = lines.first {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { flush(); lines.removeFirst(); continue }
            if trimmed.hasPrefix("```") {
                flush()
                lines.removeFirst()
                let language = String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                var code: [String] = []
                while let next = lines.first, !next.trimmingCharacters(in: .whitespaces).hasPrefix("```") { code.append(next); lines.removeFirst() }
                if !lines.isEmpty { lines.removeFirst() }
                result.append(.preformatted(InputRichBlockPreformatted(text: .plain(code.joined(separator: "\n")), language: language.isEmpty ? nil : language)))
                continue
            }
            if trimmed.hasPrefix("$$") {
                flush()
                lines.removeFirst()
                var formula = String(trimmed.dropFirst(2))
                if formula.hasSuffix("$$") { formula = String(formula.dropLast(2)) } else {
                    while let next = lines.first {
                        lines.removeFirst()
                        if next.trimmingCharacters(in: .whitespaces).hasSuffix("$$") { formula += "\n" + next.replacingOccurrences(of: "$$", with: ""); break }
                        formula += "\n" + next
                    }
                }
                result.append(.mathematicalExpression(InputRichBlockMathematicalExpression(expression: formula.trimmingCharacters(in: .whitespacesAndNewlines))))
                continue
            }
            if ["---", "***", "___"].contains(trimmed) { flush(); lines.removeFirst(); result.append(.divider(InputRichBlockDivider())); continue }
            if let level = heading(trimmed) {
                flush()
                lines.removeFirst()
                let text = trimmed.dropFirst(level).trimmingCharacters(in: .whitespaces)
                result.append(.sectionHeading(InputRichBlockSectionHeading(text: MarkdownInline.parse(text), size: level)))
                continue
            }
            if trimmed.hasPrefix(">") {
                flush()
                var quoted: [String] = []
                while let next = lines.first, next.trimmingCharacters(in: .whitespaces).hasPrefix(">") {
                    let body = next.trimmingCharacters(in: .whitespaces).dropFirst()
                    quoted.append(String(body.hasPrefix(" ") ? body.dropFirst() : body))
                    lines.removeFirst()
                }
                var inner = quoted[...]
                result.append(.blockQuotation(InputRichBlockBlockQuotation(blocks: try blocks(&inner, depth: depth + 1))))
                continue
            }
            if listMarker(line) != nil {
                flush()
                result.append(.list(InputRichBlockList(items: try list(&lines, depth: depth + 1))))
                continue
            }
            if trimmed.hasPrefix("!["), trimmed.hasSuffix(")"), let open = trimmed.range(of: "](") {
                flush()
                lines.removeFirst()
                let source = String(trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)])
                result.append(try mediaBlock(source))
                continue
            }
            paragraph.append(line)
            lines.removeFirst()
        }
        flush()
        return result
    }

    private static func heading(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    /// A list item's marker: its indentation, whether it is numbered (and its number), and
    /// where its text starts.
    private static func listMarker(_ line: String) -> (indent: Int, number: Int?, text: String, checkbox: Bool?)? {
        let indent = line.prefix { $0 == " " }.count
        let body = line.dropFirst(indent)
        var text: Substring
        var number: Int?
        if let first = body.first, "-*+".contains(first), body.dropFirst().first == " " {
            text = body.dropFirst(2)
        } else {
            let digits = body.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count < 10, body.dropFirst(digits.count).hasPrefix(". ") || body.dropFirst(digits.count).hasPrefix(") ")
            else { return nil }
            number = Int(digits)
            text = body.dropFirst(digits.count + 2)
        }
        var checkbox: Bool?
        if text.hasPrefix("[ ] ") { checkbox = false; text = text.dropFirst(4) }
        else if text.hasPrefix("[x] ") || text.hasPrefix("[X] ") { checkbox = true; text = text.dropFirst(4) }
        return (indent, number, String(text), checkbox)
    }

    private static func list(_ lines: inout ArraySlice<String>, depth: Int) throws -> [InputRichBlockListItem] {
        guard let first = lines.first.flatMap(listMarker) else { return [] }
        var items: [InputRichBlockListItem] = []
        while let line = lines.first, let marker = listMarker(line), marker.indent == first.indent, (marker.number == nil) == (first.number == nil) {
            lines.removeFirst()
            var body: [String] = [marker.text]
            // Deeper lines (nested lists, continuation) belong to the item.
            while let next = lines.first, !next.trimmingCharacters(in: .whitespaces).isEmpty,
                  next.prefix(while: { $0 == " " }).count > first.indent, listMarker(next).map({ $0.indent > first.indent }) ?? true {
                body.append(String(next.dropFirst(min(next.prefix(while: { $0 == " " }).count, first.indent + 2))))
                lines.removeFirst()
            }
            var inner = body[...]
            items.append(InputRichBlockListItem(
                blocks: try blocks(&inner, depth: depth + 1), hasCheckbox: marker.checkbox != nil ? true : nil,
                isChecked: marker.checkbox == true ? true : nil, value: marker.number, type: marker.number != nil ? "1" : nil))
        }
        return items
    }

    /// A media block for a `tg://<kind>?id=` link (the kind names the block).
    static func mediaBlock(_ source: String) throws -> InputRichBlock {
        guard source.hasPrefix("tg://"), let kind = source.dropFirst(5).split(separator: "?").first else {
            throw RichMarkup.parseError("media must be specified by a tg:// link")
        }
        switch kind {
        case "photo": return .photo(InputRichBlockPhoto(photo: InputMediaPhoto(media: source)))
        case "video": return .video(InputRichBlockVideo(video: InputMediaVideo(media: source)))
        case "audio": return .audio(InputRichBlockAudio(audio: InputMediaAudio(media: source)))
        case "document": return .document(InputRichBlockDocument(document: InputMediaDocument(media: source)))
        case "animation": return .animation(InputRichBlockAnimation(animation: InputMediaAnimation(media: source)))
        case "voice_note", "voice": return .voiceNote(InputRichBlockVoiceNote(voiceNote: InputMediaVoiceNote(media: source)))
        default: throw RichMarkup.parseError("unsupported media link \"\(source)\"")
        }
    }
}

/// Rich Markdown's inline styles: `**bold**`, `*italic*`/`_italic_`, `__underline__`,
/// `~~strikethrough~~`, `||spoiler||`, `==marked==`, `` `code` ``, `$formula$`, `[text](url)`,
/// and `\` escapes.
enum MarkdownInline {
    private static let markers: [(String, @Sendable (RichText) -> RichText)] = [
        ("**", { .bold(RichTextBold(text: $0)) }), ("__", { .underline(RichTextUnderline(text: $0)) }),
        ("~~", { .strikethrough(RichTextStrikethrough(text: $0)) }), ("||", { .spoiler(RichTextSpoiler(text: $0)) }),
        ("==", { .marked(RichTextMarked(text: $0)) }), ("*", { .italic(RichTextItalic(text: $0)) }),
        ("_", { .italic(RichTextItalic(text: $0)) }),
    ]

    static func parse(_ text: String) -> RichText {
        let parts = parse(Array(text)[...], depth: 0)
        return parts.count == 1 ? parts[0] : .concatenation(parts)
    }

    private static func parse(_ s: ArraySlice<Character>, depth: Int) -> [RichText] {
        // Styles nested deeper than a rich message may nest are read as plain text.
        guard depth <= RichMessageLimits.depth else { return s.isEmpty ? [] : [.plain(String(s))] }
        var parts: [RichText] = []
        var plain = ""
        func flush() { if !plain.isEmpty { parts.append(.plain(plain)); plain = "" } }
        // Openers with no closer after them have none after any later position either: they
        // are not looked for again, which keeps reading linear.
        var unclosed: Set<String> = []
        var i = s.startIndex
        outer: while i < s.endIndex {
            let c = s[i]
            if c == "\\", i + 1 < s.endIndex { plain.append(s[i + 1]); i += 2; continue }
            if c == "`" || c == "$", !unclosed.contains(String(c)) {
                guard let end = s[(i + 1)...].firstIndex(of: c) else { unclosed.insert(String(c)); plain.append(c); i += 1; continue }
                guard end > i + 1 else { plain.append(c); i += 1; continue }
                flush()
                let body = String(s[(i + 1)..<end])
                parts.append(c == "`" ? .code(RichTextCode(text: .plain(body))) : .mathematicalExpression(RichTextMathematicalExpression(expression: body)))
                i = end + 1
                continue
            }
            if c == "[", !unclosed.contains("[") {
                if let close = s[(i + 1)...].firstIndex(of: "]") {
                    if close + 1 < s.endIndex, s[close + 1] == "(", !unclosed.contains("(") {
                        if let end = s[(close + 2)...].firstIndex(of: ")") {
                            flush()
                            let label = parse(s[(i + 1)..<close], depth: depth + 1)
                            let text = label.count == 1 ? label[0] : .concatenation(label)
                            parts.append(.url(RichTextUrl(text: text, url: String(s[(close + 2)..<end]))))
                            i = end + 1
                            continue
                        }
                        unclosed.insert("(")
                    }
                } else {
                    unclosed.insert("[")
                }
            }
            for (marker, wrap) in markers {
                let m = Array(marker)
                guard !unclosed.contains(marker), s[i...].starts(with: m), i + m.count < s.endIndex, !s[i + m.count].isWhitespace
                else { continue }
                var j = i + m.count
                while j + m.count <= s.endIndex {
                    if s[j...].starts(with: m), !s[j - 1].isWhitespace {
                        flush()
                        let inner = parse(s[(i + m.count)..<j], depth: depth + 1)
                        parts.append(wrap(inner.count == 1 ? inner[0] : .concatenation(inner)))
                        i = j + m.count
                        continue outer
                    }
                    j += 1
                }
                unclosed.insert(marker)
            }
            plain.append(c)
            i += 1
        }
        flush()
        return parts
    }
}
