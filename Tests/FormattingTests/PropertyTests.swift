import Testing

@testable import Formatting

/// A small deterministic generator (SplitMix64), so that every run checks the same inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private let textPieces = [
    "a", "b", "hello", " ", "  ", "\n", "\r\n", "\t", "😀", "🏟", "Ж", "é", "\u{200B}", "\u{2028}", "@durov",
    "#tag", "$USD", "/start", "t.me/x", "https://example.com/a?b=c", "foo@bar.com", "+79991234567",
]

private let htmlPieces =
    textPieces + [
        "<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<s>", "</s>", "<code>", "</code>", "<pre>", "</pre>",
        "<a href=\"https://t.me/x\">", "<a href='tg://user?id=5'>", "<a>", "</a>", "<tg-spoiler>", "</tg-spoiler>",
        "<span class=\"tg-spoiler\">", "</span>", "<blockquote>", "<blockquote expandable>", "</blockquote>",
        "<tg-emoji emoji-id=\"5368324170671202286\">", "</tg-emoji>", "<tg-time unix=\"1647531900\" format=\"wDT\">",
        "</tg-time>", "<pre><code class=\"language-swift\">", "</code></pre>", "&lt;", "&gt;", "&amp;", "&quot;",
        "&#128512;", "&#xD83D;", "&", "<", ">", "\"", "</", "<foo>", "<b x=y>", "<i =>", "</>", "<b", "&#0;",
    ]

private let markdownPieces =
    textPieces + [
        "*", "_", "__", "~", "||", "`", "```", "```swift\n", "[", "]", "(", ")", "](https://t.me/x)", "![",
        "](tg://emoji?id=5)", "](tg://time?unix=5&format=t)", ">", "\n>", "\\", "\\.", "\\*", ".", "!", "-", "|",
        "{", "}", "#", "+", "=", "**>", "||\n",
    ]

private func soup(_ pieces: [String], _ rng: inout SeededGenerator, maxCount: Int = 24) -> String {
    var s = ""
    for _ in 0..<Int.random(in: 0...maxCount, using: &rng) {
        s += pieces.randomElement(using: &rng)!
    }
    return s
}

/// Well-formed HTML: random text with properly nested supported tags.
private func wellFormedHTML(_ rng: inout SeededGenerator, depth: Int = 0) -> String {
    let wrappers: [(String, String)] = [
        ("<b>", "</b>"), ("<i>", "</i>"), ("<u>", "</u>"), ("<s>", "</s>"), ("<tg-spoiler>", "</tg-spoiler>"),
        ("<code>", "</code>"), ("<pre>", "</pre>"), ("<a href=\"https://t.me/x\">", "</a>"),
        ("<a href=\"tg://user?id=42\">", "</a>"), ("<blockquote>", "</blockquote>"),
        ("<blockquote expandable>", "</blockquote>"), ("<pre><code class=\"language-go\">", "</code></pre>"),
        ("<tg-emoji emoji-id=\"77\">", "</tg-emoji>"), ("<tg-time unix=\"100\" format=\"Dt\">", "</tg-time>"),
        ("<tg-time unix=\"100\">", "</tg-time>"),
    ]
    var s = ""
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
        if depth < 3 && Bool.random(using: &rng) {
            let (open, close) = wrappers.randomElement(using: &rng)!
            s += open + wellFormedHTML(&rng, depth: depth + 1) + close
        } else {
            var piece = textPieces.randomElement(using: &rng)!
            if Int.random(in: 0..<5, using: &rng) == 0 { piece = ["&lt;", "&amp;", "&#1046;", "&quot;"].randomElement(using: &rng)! }
            s += piece
        }
    }
    return s
}

/// Entities with the same span and priority have no defined order in TDLib (nor here), so
/// round trips compare them in a canonical order.
private func canonical(_ f: FormattedText?) -> FormattedText? {
    guard var f else { return nil }
    f.entities.sort { a, b in
        (a.offset, -a.length, a.type, a.url ?? "", a.userID ?? 0, a.dateTimeFormat ?? "")
            < (b.offset, -b.length, b.type, b.url ?? "", b.userID ?? 0, b.dateTimeFormat ?? "")
    }
    return f
}

private func parsed(_ text: String, _ mode: ParseMode) -> FormattedText? {
    try? EntityParser.parse(text, mode: mode)
}

/// Entities lie inside the text, are non-empty and sorted as TDLib sorts them.
private func checkShape(_ f: FormattedText, sourceLocation: SourceLocation = #_sourceLocation) {
    let length = f.text.utf16Length
    for (index, entity) in f.entities.enumerated() {
        #expect(entity.offset >= 0 && entity.length > 0 && entity.offset + entity.length <= length, sourceLocation: sourceLocation)
        if index > 0 {
            let previous = f.entities[index - 1]
            #expect(
                previous.offset < entity.offset || (previous.offset == entity.offset && previous.length >= entity.length),
                sourceLocation: sourceLocation)
        }
    }
}

/// Round trips through the HTML renderer. (That the parsers never trap and keep entities
/// inside the text is checked by ParserPropertyTests.)
@Suite struct ParserProperties {
    @Test func wellFormedHTMLParsesAndRoundTrips() throws {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<800 {
            let html = wellFormedHTML(&rng)
            let first = try EntityParser.parse(html, mode: .html)
            let rendered = HTMLRenderer.render(first)
            let second = try EntityParser.parse(rendered, mode: .html)
            #expect(canonical(second) == canonical(first), "\(html) -> \(rendered)")
        }
    }

    @Test func anySuccessfulHTMLParseRoundTrips() throws {
        var rng = SeededGenerator(seed: 7)
        var checked = 0
        for _ in 0..<3000 {
            let html = soup(htmlPieces, &rng, maxCount: 10)
            guard let first = parsed(html, .html) else { continue }
            checked += 1
            let rendered = HTMLRenderer.render(first)
            #expect(canonical(parsed(rendered, .html)) == canonical(first), "\(html) -> \(rendered)")
        }
        #expect(checked > 100)
    }

    @Test func markdownV2ResultsRenderToEquivalentHTML() throws {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<1500 {
            guard let first = parsed(soup(markdownPieces, &rng), .markdownV2) else { continue }
            let rendered = HTMLRenderer.render(first)
            #expect(canonical(parsed(rendered, .html)) == canonical(first), "\(rendered)")
        }
    }
}

@Suite struct ValidatorProperties {
    private static let types = [
        "bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre", "text_link", "text_mention",
        "blockquote", "expandable_blockquote", "custom_emoji", "date_time", "mention", "url",
    ]

    private static func randomEntities(_ length: Int, _ rng: inout SeededGenerator) -> [TextEntity] {
        (0..<Int.random(in: 0...6, using: &rng)).map { _ in
            let offset = Int.random(in: 0...max(length, 0), using: &rng)
            var entity = TextEntity(
                type: types.randomElement(using: &rng)!, offset: offset,
                length: Int.random(in: 0...max(length - offset, 0), using: &rng))
            switch entity.type {
            case "text_link": entity.url = ["https://t.me/x", "example.com", "tg://user?id=3"].randomElement(using: &rng)!
            case "text_mention": entity.userID = 5
            case "custom_emoji": entity.customEmojiID = "123"
            case "date_time": entity.unixTime = 1000
            case "pre": entity.language = Bool.random(using: &rng) ? "swift" : nil
            default: break
            }
            return entity
        }
    }

    /// TDLib's own invariants of fixed entities: sorted, properly nested, no same-type nesting,
    /// nothing inside code-like entities, only splittable ones inside other non-quote entities.
    private static func checkNesting(_ f: FormattedText) {
        let splittable: Set<String> = ["bold", "italic", "underline", "strikethrough", "spoiler"]
        let codeLike: Set<String> = ["code", "pre", "date_time"]
        for i in f.entities.indices {
            for j in (i + 1)..<f.entities.count {
                let a = f.entities[i]
                let b = f.entities[j]
                let aEnd = a.offset + a.length
                #expect(b.offset >= aEnd || b.offset + b.length <= aEnd, "crossing \(a) \(b)")
                if b.offset < aEnd {
                    #expect(a.type != b.type, "same type nested \(a) \(b)")
                    #expect(!codeLike.contains(a.type), "inside code \(a) \(b)")
                    if !splittable.contains(a.type) && a.type != "blockquote" && a.type != "expandable_blockquote" {
                        #expect(splittable.contains(b.type), "inside continuous \(a) \(b)")
                    }
                }
            }
        }
    }

    @Test func normalizeNeverCrashesAndYieldsValidNesting() {
        var rng = SeededGenerator(seed: 1234)
        var succeeded = 0
        for _ in 0..<2000 {
            let text = soup(textPieces, &rng, maxCount: 12)
            let entities = Self.randomEntities(text.utf16Length, &rng)
            guard let result = try? TextValidator.normalize(text: text, entities: entities, kind: .caption) else {
                continue
            }
            succeeded += 1
            checkShape(result)
            Self.checkNesting(result)
            #expect(result.text.unicodeScalars.first.map { $0 != " " && $0 != "\n" } ?? true || !result.entities.isEmpty)
        }
        #expect(succeeded > 1000)
    }

    @Test func normalizeIsIdempotent() throws {
        var rng = SeededGenerator(seed: 555)
        for _ in 0..<1000 {
            let text = soup(textPieces, &rng, maxCount: 12)
            let entities = Self.randomEntities(text.utf16Length, &rng)
            guard let once = try? TextValidator.normalize(text: text, entities: entities, kind: .caption) else { continue }
            let twice = try TextValidator.normalize(text: once.text, entities: once.entities, kind: .caption)
            #expect(twice == once, "\(text.debugDescription) \(entities)")
        }
    }

    @Test func detectorKeepsEntitiesApartAndInside() {
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<1500 {
            let text = soup(textPieces + [".", ",", "/", "@", "#", "$", "+", "(", ")", "ru", "com"], &rng)
            let found = FormattedText(text: text, entities: EntityDetector.detect(in: text))
            checkShape(found)
            for (a, b) in zip(found.entities, found.entities.dropFirst()) {
                #expect(a.offset + a.length <= b.offset)
            }
        }
    }
}
