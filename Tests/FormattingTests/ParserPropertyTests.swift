import Foundation
import PropertyBased
import Testing

@testable import Formatting

/// Property tests of the three markup parsers (HTML, MarkdownV2, legacy Markdown): any text
/// parses or fails with a `FormattingError`, never traps, and every entity of a result lies
/// inside the plain text in UTF-16 units. (PropertyTests.swift keeps the seeded round-trip
/// and normalisation properties.)
@Suite struct ParserPropertyTests {
    // MARK: Generators

    static let plainPieces: [String] = [
        "a", "hello", " ", "\n", "\r\n", "\t", "😀", "🏟", "👨‍👩‍👧", "Ж", "é", "e\u{301}", "\u{200B}", "\u{2028}",
        "\u{202E}", "\u{FFFD}", "\u{10FFFF}", "@durov", "#tag", "$USD", "/start", "https://t.me/x?a=b", "x@y.ru",
        "+79991234567", "1234567812345670",
    ]

    static let htmlPieces: [String] = plainPieces + [
        "<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<s>", "</s>", "<code>", "</code>", "<pre>", "</pre>",
        "<a href=\"https://t.me/x\">", "<a href='tg://user?id=5'>", "<a href=\"tg://user?id=-9223372036854775808\">",
        "<a href=\"tg://user?id=99999999999999999999\">", "<a>", "</a>", "<tg-spoiler>", "</tg-spoiler>",
        "<span class=\"tg-spoiler\">", "</span>", "<blockquote>", "<blockquote expandable>", "</blockquote>",
        "<tg-emoji emoji-id=\"5368324170671202286\">", "<tg-emoji emoji-id=\"99999999999999999999\">",
        "<tg-emoji emoji-id=\"-1\">", "</tg-emoji>", "<tg-time unix=\"1647531900\" format=\"wDT\">",
        "<tg-time unix=\"-9223372036854775808\">", "<tg-time unix=\"99999999999999999999\">", "</tg-time>",
        "<pre><code class=\"language-swift\">", "</code></pre>", "&lt;", "&gt;", "&amp;", "&quot;", "&#128512;",
        "&#xD83D;", "&#0;", "&#99999999999;", "&#x110000;", "&#x;", "&", "<", ">", "\"", "'", "</", "<foo>",
        "<b x=y>", "<i =>", "</>", "<b", "<a href=", "=\"", "<!--", "-->",
    ]

    static let markdownPieces: [String] = plainPieces + [
        "*", "_", "__", "~", "||", "`", "```", "```swift\n", "[", "]", "(", ")", "](https://t.me/x)", "![",
        "](tg://emoji?id=5)", "](tg://emoji?id=99999999999999999999)", "](tg://user?id=-9223372036854775808)",
        "](tg://time?unix=5&format=t)", "](tg://time?unix=-9223372036854775808)", ">", "\n>", "**>", "||\n",
        "\\", "\\.", "\\*", "\\\\", ".", "!", "-", "|", "{", "}", "#", "+", "=",
    ]

    /// Text made of the given pieces, shrinking by dropping pieces.
    static func soup(_ pieces: [String], count: ClosedRange<Int> = 0...30)
        -> Generator<String, some SendableSequenceType>
    {
        Gen<String?>.element(of: pieces).array(of: count).map { $0.compactMap { $0 }.joined() }
    }

    /// Any Unicode scalars, mostly ASCII markup characters so the parsers go deep.
    static let anyText = Gen<String>.frequency(
        (4, Gen.ascii.string(of: 0...40).eraseToAnySequence()),
        (1, Gen.unicodeScalar(in: "\u{1}"..."\u{D7FF}").map { Character($0) }.string(of: 0...20)
            .eraseToAnySequence()),
        (1, Gen.unicodeScalar(in: "\u{E000}"..."\u{10FFFF}").map { Character($0) }.string(of: 0...20)
            .eraseToAnySequence()))

    // MARK: Properties

    /// Entities are non-empty and lie inside the text in UTF-16 units.
    static func checkInside(_ f: FormattedText, _ source: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let length = f.text.utf16.count
        for entity in f.entities {
            #expect(entity.offset >= 0 && entity.length > 0 && entity.offset + entity.length <= length,
                    "\(entity) outside \(length) UTF-16 units, from \(source.debugDescription)",
                    sourceLocation: sourceLocation)
        }
    }

    /// Parses in `mode`: returns the result or nil for a parse error; anything else (a trap)
    /// ends the test process.
    static func parse(_ text: String, _ mode: ParseMode) -> FormattedText? {
        do {
            return try EntityParser.parse(text, mode: mode)
        } catch {
            #expect(error.description.hasPrefix("can't parse entities: "), "\(error)")
            return nil
        }
    }

    @Test func htmlNeverTrapsAndKeepsEntitiesInside() async {
        await propertyCheck(count: 1000, input: Self.soup(Self.htmlPieces)) { text in
            if let f = Self.parse(text, .html) { Self.checkInside(f, text) }
        }
    }

    @Test func markdownV2NeverTrapsAndKeepsEntitiesInside() async {
        await propertyCheck(count: 1000, input: Self.soup(Self.markdownPieces)) { text in
            if let f = Self.parse(text, .markdownV2) { Self.checkInside(f, text) }
        }
    }

    @Test func markdownNeverTrapsAndKeepsEntitiesInside() async {
        await propertyCheck(count: 1000, input: Self.soup(Self.markdownPieces)) { text in
            if let f = Self.parse(text, .markdown) { Self.checkInside(f, text) }
        }
    }

    /// Arbitrary characters (not only the pieces above) in every mode.
    @Test(arguments: [ParseMode.html, .markdownV2, .markdown])
    func anyTextInAnyMode(mode: ParseMode) async {
        await propertyCheck(count: 1000, input: Self.anyText) { text in
            if let f = Self.parse(text, mode) { Self.checkInside(f, text) }
        }
    }

    /// Text with its markup characters escaped parses back to itself, without entities.
    @Test func escapedTextParsesToItself() async {
        let text = Self.soup(Self.plainPieces + ["<", ">", "&", "*", "_", "[", "]", "`", "\\", "~", "|", ".", "!"])
        await propertyCheck(count: 500, input: text) { text in
            let html = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
            #expect(Self.parse(html, .html) == FormattedText(text: text))
            let reservedV2 = Set("_*[]()~`>#+-=|{}.!\\")
            let v2 = String(text.flatMap { reservedV2.contains($0) ? ["\\", $0] : [$0] })
            #expect(Self.parse(v2, .markdownV2) == FormattedText(text: text))
            let reserved = Set("_*`[")
            let legacy = String(text.flatMap { reserved.contains($0) ? ["\\", $0] : [$0] })
            #expect(Self.parse(legacy, .markdown) == FormattedText(text: text))
        }
    }
}
