import Testing

@testable import Formatting

private func e(
    _ type: String, _ offset: Int, _ length: Int, url: String? = nil, userID: Int? = nil,
    language: String? = nil, customEmojiID: String? = nil
) -> TextEntity {
    TextEntity(
        type: type, offset: offset, length: length, url: url, userID: userID, language: language,
        customEmojiID: customEmojiID)
}

private func parse(_ text: String, _ mode: ParseMode) -> Result<FormattedText, FormattingError> {
    do throws(FormattingError) {
        return .success(try EntityParser.parse(text, mode: mode))
    } catch {
        return .failure(error)
    }
}

private func ok(_ text: String, _ entities: [TextEntity] = []) -> Result<FormattedText, FormattingError> {
    .success(FormattedText(text: text, entities: entities))
}

private func fails(_ detail: String) -> Result<FormattedText, FormattingError> {
    .failure(FormattingError("can't parse entities: " + detail))
}

@Suite struct ParseModeNames {
    @Test func namesAreCaseInsensitive() throws {
        #expect(try ParseMode.named("HTML") == .html)
        #expect(try ParseMode.named("markdownv2") == .markdownV2)
        #expect(try ParseMode.named("Markdown") == .markdown)
        #expect(try ParseMode.named("") == nil)
        #expect(try ParseMode.named("NONE") == nil)
    }

    @Test func unknownNameIsRejected() {
        #expect(throws: FormattingError("unsupported parse_mode")) { try ParseMode.named("markdown3") }
    }
}

@Suite struct HTMLParsing {
    @Test(arguments: [
        ("<b>bold</b>", "bold", "bold"), ("<strong>x</strong>", "x", "bold"), ("<i>x</i>", "x", "italic"),
        ("<em>x</em>", "x", "italic"), ("<u>x</u>", "x", "underline"), ("<ins>x</ins>", "x", "underline"),
        ("<s>x</s>", "x", "strikethrough"), ("<strike>x</strike>", "x", "strikethrough"),
        ("<del>x</del>", "x", "strikethrough"), ("<tg-spoiler>x</tg-spoiler>", "x", "spoiler"),
        ("<span class=\"tg-spoiler\">x</span>", "x", "spoiler"), ("<code>x</code>", "x", "code"),
        ("<pre>x</pre>", "x", "pre"), ("<blockquote>x</blockquote>", "x", "blockquote"),
        ("<blockquote expandable>x</blockquote>", "x", "expandable_blockquote"),
        ("<B>x</B>", "x", "bold"),
    ])
    func simpleTags(html: String, text: String, type: String) {
        #expect(parse(html, .html) == ok(text, [e(type, 0, text.utf16Length)]))
    }

    @Test func offsetsCountUTF16() {
        // "➡️" is U+27A1 U+FE0F: two UTF-16 units; "🏟" is one astral character: two units.
        #expect(parse("➡️ ➡️<i>➡️ ➡️</i>", .html) == ok("➡️ ➡️➡️ ➡️", [e("italic", 5, 5)]))
        #expect(parse("🏟 🏟<i>🏟 &lt🏟</i>", .html) == ok("🏟 🏟🏟 <🏟", [e("italic", 5, 6)]))
    }

    @Test func characterReferences() {
        #expect(
            parse("&ge;&lt;&gt;&amp;&quot;&laquo;&#12345678;", .html) == ok("&ge;<>&\"&laquo;&#12345678;"))
        #expect(parse("&#128512; &#x1F600;", .html) == ok("😀 😀"))
        #expect(parse("&Or;", .html) == ok("&Or;"))
    }

    @Test func links() {
        #expect(
            parse("<a href=\"https://t.me/x?y=1\">x</a>", .html) == ok("x", [e("text_link", 0, 1, url: "https://t.me/x?y=1")]))
        #expect(parse("<a href=telegram.org> </a>", .html) == ok(" ", [e("text_link", 0, 1, url: "http://telegram.org/")]))
        #expect(
            parse("<a   href=  'telegram.org?&lt;'   > </a>", .html)
                == ok(" ", [e("text_link", 0, 1, url: "http://telegram.org/?<")]))
        #expect(parse("<a>telegram.org</a>", .html) == ok("telegram.org", [e("text_link", 0, 12, url: "http://telegram.org/")]))
        #expect(parse("<a>telegram.org </a>", .html) == ok("telegram.org "))
        #expect(parse("<a href=\"nolink\">x</a>", .html) == ok("x"))
    }

    @Test func userMentionByID() {
        #expect(parse("<a href=\"tg://user?id=123456\">Pavel</a>", .html) == ok("Pavel", [e("text_mention", 0, 5, userID: 123456)]))
    }

    @Test func preWithLanguage() {
        #expect(
            parse("<pre><code class=\"language-python\">x = 1</code></pre>", .html)
                == ok("x = 1", [e("pre", 0, 5, language: "python")]))
        #expect(parse("<code class=\"language-fift\"><pre>a</pre></code>", .html) == ok("a", [e("pre", 0, 1, language: "fift")]))
        // A language needs an enclosing <pre>; an empty one leaves two entities.
        #expect(parse("<code class=\"language-fift\">a</code>", .html) == ok("a", [e("code", 0, 1)]))
        #expect(parse("<pre><code>a</code></pre>", .html) == ok("a", [e("pre", 0, 1), e("code", 0, 1)]))
    }

    @Test func customEmojiAndTime() {
        #expect(
            parse("<tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji>", .html)
                == ok("👍", [e("custom_emoji", 0, 2, customEmojiID: "5368324170671202286")]))
        let time = parse("<tg-time unix=\"1647531900\" format=\"wDT\">22:45 tomorrow</tg-time>", .html)
        let entity = TextEntity(type: "date_time", offset: 0, length: 14, unixTime: 1_647_531_900, dateTimeFormat: "wDT")
        #expect(time == ok("22:45 tomorrow", [entity]))
        let plain = TextEntity(type: "date_time", offset: 0, length: 1, unixTime: 5)
        #expect(parse("<tg-time unix=5>x</tg-time>", .html) == ok("x", [plain]))
        #expect(parse("<tg-time>x</tg-time>", .html) == ok("x"))
        #expect(parse("<tg-time unix=5 format=q>x</tg-time>", .html) == fails("Invalid date format used"))
        #expect(parse("<tg-emoji emoji-id=\"0\">x</tg-emoji>", .html) == fails("Invalid custom emoji identifier specified"))
    }

    @Test func nestingAndSorting() {
        #expect(
            parse("<i><b> </b> <code> </code></i>", .html)
                == ok("   ", [e("italic", 0, 3), e("bold", 0, 1), e("code", 2, 1)]))
        #expect(
            parse("<blockquote   expandable=false>a&lt;<pre  >b;</></>", .html)
                == ok("a<b;", [e("expandable_blockquote", 0, 4), e("pre", 2, 2)]))
    }

    @Test func emptyElementsMakeNoEntity() {
        #expect(parse("x<b></b>", .html) == ok("x"))
    }

    @Test(arguments: [
        ("<foo>", "Unsupported start tag \"foo\" at byte offset 0"),
        ("<b>bold</i>", "Unmatched end tag at byte offset 7, expected \"</b>\", found \"</i>\""),
        ("<b>x", "Can't find end tag corresponding to start tag \"b\""),
        ("Hello<b", "Unclosed start tag at byte offset 5"),
        ("Hey</b>", "Unexpected end tag at byte offset 3"),
        ("🏟 🏟&lt;<abac aba>", "Unsupported start tag \"abac\" at byte offset 13"),
        ("🏟 🏟&lt;<i   =aba>", "Empty attribute name in the tag \"i\" at byte offset 13"),
        ("🏟 🏟&lt;<i    aba  =  ", "Unclosed start tag \"i\" at byte offset 13"),
        ("🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
        ("🏟 🏟&lt;<i    aba  =  \"&lt;&gt;&quot;>", "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;<b></b></", "Unexpected end tag at byte offset 20"),
        ("🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
        ("<span>x</span>", "Tag \"span\" must have class \"tg-spoiler\" at byte offset 0"),
        ("&#57311;", "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units"),
    ])
    func errors(html: String, detail: String) {
        #expect(parse(html, .html) == fails(detail))
    }
}

@Suite struct MarkdownV2Parsing {
    @Test func everyEntity() {
        let text = "*b* _i_ __u__ ~s~ ||p|| `c` [l](https://t.me/) ![👍](tg://emoji?id=5)"
        let expected = ok(
            "b i u s p c l 👍",
            [
                e("bold", 0, 1), e("italic", 2, 1), e("underline", 4, 1), e("strikethrough", 6, 1),
                e("spoiler", 8, 1), e("code", 10, 1), e("text_link", 12, 1, url: "https://t.me/"),
                e("custom_emoji", 14, 2, customEmojiID: "5"),
            ])
        #expect(parse(text, .markdownV2) == expected)
    }

    @Test func reservedCharactersMustBeEscaped() {
        for c in "]()#+-=|{}.!" {  // ">" opens a quotation at the start of a line
            #expect(
                parse(String(c), .markdownV2)
                    == fails("Character '\(c)' is reserved and must be escaped with the preceding '\\'"))
            #expect(parse("\\" + String(c), .markdownV2) == ok(String(c)))
        }
        #expect(parse("Hello, world.", .markdownV2) == fails("Character '.' is reserved and must be escaped with the preceding '\\'"))
    }

    @Test(arguments: [
        ("🏟 🏟_abacaba", "Can't find end of Italic entity at byte offset 9"),
        ("🏟 🏟_abac * asd ", "Can't find end of Bold entity at byte offset 15"),
        ("🏟 🏟`", "Can't find end of Code entity at byte offset 9"),
        ("🏟 🏟```a", "Can't find end of Pre entity at byte offset 9"),
        ("🏟 🏟```a ", "Can't find end of PreCode entity at byte offset 9"),
        ("🏟 🏟_🏟 🏟__", "Can't find end of Underline entity at byte offset 19"),
        ("[telegram\\.org](asd", "Can't find end of a URL at byte offset 16"),
        ("🏟 🏟||test\\|", "Can't find end of Spoiler entity at byte offset 9"),
        ("🏟 🏟![👍", "Can't find end of CustomEmoji entity at byte offset 9"),
        ("🏟 🏟![👍]", "The entity must contain a tg://emoji or tg://time URL"),
        ("🏟 🏟![👍](t://emoji?id=1234)", "Invalid tg://emoji or tg://time URL specified"),
        (">*b\n>ld \n>bo\nld*\nasd\ndef", "Can't find end of Bold entity at byte offset 1"),
        (">\n*a*>2", "Character '>' is reserved and must be escaped with the preceding '\\'"),
        (">asd\n>q||ew\n||asdad", "Can't find end of Spoiler entity at byte offset 7"),
        (">asd\n>q||e||w__\n||asdad", "Can't find end of Underline entity at byte offset 13"),
    ])
    func errors(text: String, detail: String) {
        #expect(parse(text, .markdownV2) == fails(detail))
    }

    @Test func escapesAndNesting() {
        #expect(parse("🏟 🏟_abac \\* asd _", .markdownV2) == ok("🏟 🏟abac * asd ", [e("italic", 5, 11)]))
        #expect(parse("🏟 🏟_🏟 __🏟___", .markdownV2) == ok("🏟 🏟🏟 🏟", [e("italic", 5, 5), e("underline", 8, 2)]))
        #expect(
            parse("`_* *_`__*` `*__", .markdownV2)
                == ok("_* *_ ", [e("code", 0, 5), e("code", 5, 1), e("bold", 5, 1), e("underline", 5, 1)]))
        #expect(parse("\\\\\\a\\b", .markdownV2) == ok("\\ab"))
    }

    @Test func preBlocks() {
        #expect(parse("```python\nprint(1)\n```", .markdownV2) == ok("print(1)\n", [e("pre", 0, 9, language: "python")]))
        #expect(parse("```\ncode```", .markdownV2) == ok("code", [e("pre", 0, 4)]))
        #expect(parse("🏟 🏟```🏟\r\n🏟```", .markdownV2) == ok("🏟 🏟🏟", [e("pre", 5, 2, language: "🏟")]))
    }

    @Test func links() {
        #expect(parse("[ ](telegram.org)", .markdownV2) == ok(" ", [e("text_link", 0, 1, url: "http://telegram.org/")]))
        #expect(parse("[ ](as)", .markdownV2) == ok(" "))
        #expect(parse("[telegram\\.org]", .markdownV2) == ok("telegram.org", [e("text_link", 0, 12, url: "http://telegram.org/")]))
        #expect(
            parse("[telegram\\.org](https://telegram.dog?\\\\\\()", .markdownV2)
                == ok("telegram.org", [e("text_link", 0, 12, url: "https://telegram.dog/?\\(")]))
        #expect(parse("[x](tg:user?id=123456)", .markdownV2) == ok("x", [e("text_mention", 0, 1, userID: 123456)]))
        #expect(
            parse("🏟 🏟![👍](TG://EMoJI/?test=1231&id=25#id=32)a", .markdownV2)
                == ok("🏟 🏟👍a", [e("custom_emoji", 5, 2, customEmojiID: "25")]))
    }

    @Test func dateTime() {
        let entity = TextEntity(type: "date_time", offset: 0, length: 5, unixTime: 1_647_531_900, dateTimeFormat: "wDT")
        #expect(parse("![22:45](tg://time?unix=1647531900&format=wDT)", .markdownV2) == ok("22:45", [entity]))
        #expect(parse("![x](tg://time?unix=5&format=z)", .markdownV2) == fails("Invalid date format used"))
    }

    @Test func blockquotes() {
        #expect(parse(">a", .markdownV2) == ok("a", [e("blockquote", 0, 1)]))
        #expect(parse("abc\n> \n> \n>\ndef", .markdownV2) == ok("abc\n \n \n\ndef", [e("blockquote", 4, 5)]))
        #expect(
            parse(">asd\n>q||e||w||\nasdad", .markdownV2)
                == ok("asd\nqew\nasdad", [e("expandable_blockquote", 0, 8), e("spoiler", 5, 1)]))
        #expect(
            parse(">asd\n>q||ew||\nasdad", .markdownV2)
                == ok("asd\nqew\nasdad", [e("blockquote", 0, 8), e("spoiler", 5, 2)]))
        #expect(
            parse("*a\n>b\n>ld \n>bo\n>ld\nasd*\ndef", .markdownV2)
                == ok("a\nb\nld \nbo\nld\nasd\ndef", [e("bold", 0, 17), e("blockquote", 2, 12)]))
        #expect(parse(">||", .markdownV2) == ok(""))
    }
}

@Suite struct LegacyMarkdownParsing {
    @Test func entities() {
        #expect(
            parse("*bold* _italic_ `code` [t.me](https://t.me/x)", .markdown)
                == ok(
                    "bold italic code t.me",
                    [e("bold", 0, 4), e("italic", 5, 6), e("code", 12, 4), e("text_link", 17, 4, url: "https://t.me/x")]))
    }

    @Test func preWithLanguageAndEscapes() {
        #expect(parse("```swift\nlet x = 1```", .markdown) == ok("let x = 1", [e("pre", 0, 9, language: "swift")]))
        #expect(parse("```\nx```", .markdown) == ok("x", [e("pre", 0, 1)]))
        #expect(parse("snake\\_case 2\\*2", .markdown) == ok("snake_case 2*2"))
        #expect(parse("_snake_\\__case_", .markdown) == ok("snake_case", [e("italic", 0, 5), e("italic", 6, 4)]))
    }

    @Test func unclosedEntity() {
        #expect(parse("a *bold", .markdown) == fails("Can't find end of the entity starting at byte offset 2"))
    }

    @Test func markdownCharactersOfV2AreFreeHere() {
        #expect(parse("1 + 1 = 2. (really!)", .markdown) == ok("1 + 1 = 2. (really!)"))
    }
}

@Suite struct ParseThenNormalize {
    @Test func htmlMessageIsTrimmedAndGetsDetectedEntities() throws {
        let parsed = try EntityParser.parse("  <b>Hi</b> @durov  ", mode: .html)
        let stored = try TextValidator.normalize(
            text: parsed.text, entities: parsed.entities, kind: .messageText, detectEntities: true)
        #expect(stored == FormattedText(text: "Hi @durov", entities: [e("bold", 0, 2), e("mention", 3, 6)]))
    }
}
