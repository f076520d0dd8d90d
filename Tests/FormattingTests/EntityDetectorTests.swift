import Testing

@testable import Formatting

/// The substrings of `text` that the detector marks with `type`, in order.
private func found(_ type: String, in text: String) -> [String] {
    let utf16 = Array(text.utf16)
    return EntityDetector.detect(in: text).filter { $0.type == type }.map {
        String(decoding: utf16[$0.offset..<($0.offset + $0.length)], as: UTF16.self)
    }
}

private func entity(_ type: String, _ offset: Int, _ length: Int) -> TextEntity {
    TextEntity(type: type, offset: offset, length: length)
}

@Suite struct BotCommandDetection {
    @Test func startAloneIsACommand() {
        #expect(EntityDetector.detect(in: "/start") == [entity("bot_command", 0, 6)])
    }

    @Test func commandAddressedToABotIncludesTheUsername() {
        #expect(
            EntityDetector.detect(in: "/start@echo_bot payload") == [entity("bot_command", 0, 15)])
    }

    @Test(arguments: [
        ("/abc", ["/abc"]), (" /abc", ["/abc"]), ("/abc ", ["/abc"]), ("/a@abc", ["/a@abc"]),
        ("/a@b", []), ("/@bfdsa", []), ("/test/", []), ("a/b", []), ("1/2", []),
        ("see /help, then /settings", ["/help", "/settings"]), ("</b>", []),
    ])
    func boundaries(text: String, expected: [String]) {
        #expect(found("bot_command", in: text) == expected)
    }

    @Test func offsetsAreUTF16AfterEmojiAndCyrillic() {
        // "😀" is two UTF-16 units, "Привет" six, the space one.
        #expect(EntityDetector.detect(in: "😀Привет /go") == [entity("bot_command", 9, 3)])
    }
}

@Suite struct MentionDetection {
    @Test(arguments: [
        ("@mention", ["@mention"]), (" @mention ", ["@mention"]),
        ("@abcde @xyzxy @xxxxx@yyyyy @ttttt", ["@abcde", "@xyzxy", "@xxxxx", "@ttttt"]),
        ("no@mention", []), ("@n", []), ("нет@mention", []),
        ("@abcdefghijklmnopqrstuvwxyz123456", ["@abcdefghijklmnopqrstuvwxyz123456"]),
        ("@abcdefghijklmnopqrstuvwxyz1234567", []),
        ("@ya @gif @wiki @vid @bin @pic @cap", ["@gif", "@wiki", "@vid", "@pic"]),
    ])
    func mentions(text: String, expected: [String]) {
        #expect(found("mention", in: text) == expected)
    }

    @Test func anAddressIsAnEmailNotAMention() {
        #expect(EntityDetector.detect(in: "foo@bar.com") == [entity("email", 0, 11)])
    }

    @Test func mentionAfterAnEmoji() {
        #expect(EntityDetector.detect(in: "👍 @durov") == [entity("mention", 3, 6)])
    }
}

@Suite struct HashtagAndCashtagDetection {
    @Test(arguments: [
        ("#", []), ("##", []), ("#a", ["#a"]), (" #я ", ["#я"]), (" я#a ", []), (" #a# ", []),
        (" #123 ", []), (" #123a ", ["#123a"]), ("#a#b #c #d", ["#c", "#d"]),
        ("#test@abc", ["#test@abc"]), ("#test@ab", ["#test"]), ("#te·st", ["#te·st"]),
        ("#a™", ["#a"]), ("#tag.", ["#tag"]),
    ])
    func hashtags(text: String, expected: [String]) {
        #expect(found("hashtag", in: text) == expected)
    }

    @Test func hashtagIsCutAfter256Characters() {
        let text = "#a" + String(repeating: "b", count: 300)
        #expect(found("hashtag", in: text) == ["#a" + String(repeating: "b", count: 255)])
    }

    @Test(arguments: [
        ("$USD", ["$USD"]), ("$A", ["$A"]), ("$ABCDEFGH", ["$ABCDEFGH"]), ("$ABCDEFGHJ", []),
        ("$abc", []), ("$ABC1", []), (" $$XYZ ", []), (" $XYZ$ ", []), ("1$ABC", []),
        ("$ABC$DEF $GHI $KLM", ["$GHI", "$KLM"]), ("$1INCH", ["$1INCH"]), ("...$1INCH...", ["$1INCH"]),
        ("$TEST@abc", ["$TEST@abc"]), ("$ABC™", ["$ABC"]), ("cost: $BTC!", ["$BTC"]),
    ])
    func cashtags(text: String, expected: [String]) {
        #expect(found("cashtag", in: text) == expected)
    }
}

@Suite struct URLDetection {
    @Test(arguments: [
        ("example.com", ["example.com"]),
        ("https://t.me/x?y=1", ["https://t.me/x?y=1"]),
        ("go to http://www.example.org/path/to?q=1#frag now", ["http://www.example.org/path/to?q=1#frag"]),
        ("(see example.com)", ["example.com"]),
        ("https://en.wikipedia.org/wiki/Test_(disambiguation).", ["https://en.wikipedia.org/wiki/Test_(disambiguation)"]),
        ("end of sentence.Next", []),
        ("file.txt", []),
        ("version 1.2.3", []),
        ("192.168.0.1", ["192.168.0.1"]),
        ("256.1.1.1", []),
        ("ftp://files.example.com", ["ftp://files.example.com"]),
        ("tg://resolve?domain=durov", ["tg://resolve?domain=durov"]),
        ("example.com:8080/x", ["example.com:8080/x"]),
        ("sftp://example.com", []),
        ("Example.COM", ["Example.COM"]),
        ("Example.Com", []),
        ("пример.рф", ["пример.рф"]),
        ("teiegram.org", []),
        ("a_b.example.com", ["a_b.example.com"]),
        ("a_b.com", []),
        ("xn--80ak6aa92e.com", ["xn--80ak6aa92e.com"]),
    ])
    func urls(text: String, expected: [String]) {
        #expect(found("url", in: text) == expected)
    }

    @Test(arguments: [
        ("security@telegram.org", ["security@telegram.org"]),
        ("mail me: A@a.ab.", ["A@a.ab"]),
        ("mailto:test@example.com", ["test@example.com"]),
        ("a@b.c", []),
        ("test@localhost", []),
    ])
    func emails(text: String, expected: [String]) {
        #expect(found("email", in: text) == expected)
    }

    @Test func urlOffsetsAfterAstralCharacters() {
        // 🏟 is 2 UTF-16 units: "🏟 🏟 " is 6 units.
        #expect(EntityDetector.detect(in: "🏟 🏟 t.me/durov") == [entity("url", 6, 10)])
    }
}

@Suite struct PhoneNumberDetection {
    @Test(arguments: [
        ("+79991234567", ["+79991234567"]),
        ("call +1 234 567 8900 now", ["+1 234 567 8900"]),
        ("+7 (999) 123-45-67", ["+7 (999) 123-45-67"]),
        ("+44-20-7946-0958.", ["+44-20-7946-0958"]),
        ("+123", []),
        ("a+79991234567", []),
        ("+79991234567abc", []),
        ("1+2=3", []),
    ])
    func phones(text: String, expected: [String]) {
        #expect(found("phone_number", in: text) == expected)
    }
}

@Suite struct DetectionOverall {
    @Test func severalKindsSortedAndNotOverlapping() {
        let text = "/start@bot hi @someone #tag $USD https://t.me/x foo@bar.com +12345678901"
        let types = EntityDetector.detect(in: text).map(\.type)
        #expect(types == ["bot_command", "mention", "hashtag", "cashtag", "url", "email", "phone_number"])
    }

    @Test func bankCardsAreNeverShown() {
        #expect(EntityDetector.detect(in: "4556728228023269").isEmpty)
    }

    @Test func plainTextHasNoEntities() {
        #expect(EntityDetector.detect(in: "Hello, world! How are you? 3.14 a/b x@y").isEmpty)
    }
}
