import Testing

@testable import Formatting

private func e(
    _ type: String, _ offset: Int, _ length: Int, url: String? = nil, userID: Int? = nil,
    language: String? = nil
) -> TextEntity {
    TextEntity(type: type, offset: offset, length: length, url: url, userID: userID, language: language)
}

private func normalize(
    _ text: String, _ entities: [TextEntity] = [], kind: TextKind = .messageText, detect: Bool = true
) throws(FormattingError) -> FormattedText {
    try TextValidator.normalize(text: text, entities: entities, kind: kind, detectEntities: detect)
}

private func failure(_ body: () throws(FormattingError) -> FormattedText) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.description
    }
}

@Suite struct Trimming {
    @Test func plainTextIsTrimmed() throws {
        #expect(try normalize("  hello \n ") == FormattedText(text: "hello"))
    }

    @Test func entitiesMoveWithTheLeftTrim() throws {
        #expect(try normalize(" hi ", [e("bold", 1, 2)]) == FormattedText(text: "hi", entities: [e("bold", 0, 2)]))
    }

    @Test func entitiesAreClippedByTheRightTrim() throws {
        #expect(
            try normalize("hi there ", [e("bold", 0, 9)])
                == FormattedText(text: "hi there", entities: [e("bold", 0, 8)]))
    }

    @Test func leadingSpacesInsideAnEntityStay() throws {
        // TDLib trims on the left only up to the first entity.
        #expect(try normalize("  hi", [e("bold", 0, 4)]) == FormattedText(text: "  hi", entities: [e("bold", 0, 4)]))
    }

    @Test func entityOnlyInTheTrimmedTailIsDropped() throws {
        #expect(try normalize("hi   ", [e("italic", 3, 2)]) == FormattedText(text: "hi"))
    }
}

@Suite struct Emptiness {
    @Test func whitespaceOnlyTextIsRejected() {
        #expect(failure { () throws(FormattingError) in try normalize(" \n ") } == "text must be non-empty")
    }

    @Test func invisibleOnlyTextIsRejected() {
        #expect(failure { () throws(FormattingError) in try normalize("\u{200B}\u{200B}") } == "text must be non-empty")
    }

    @Test func whitespaceOnlyCaptionBecomesEmpty() throws {
        #expect(try normalize("   ", [e("bold", 0, 3)], kind: .caption) == FormattedText(text: ""))
    }
}

@Suite struct Lengths {
    @Test func textOf4096CodePointsPasses() throws {
        // Astral characters count once, although they take two UTF-16 units.
        let text = String(repeating: "😀", count: 4096)
        #expect(try normalize(text, detect: false).text == text)
    }

    @Test func textOf4097CharactersIsTooLong() {
        let text = String(repeating: "a", count: 4097)
        #expect(failure { () throws(FormattingError) in try normalize(text) } == "message is too long")
    }

    @Test func captionOf1025CharactersIsTooLong() {
        let text = String(repeating: "b", count: 1025)
        #expect(failure { () throws(FormattingError) in try normalize(text, kind: .caption) } == "message caption is too long")
    }

    @Test func lengthCountsAfterTrimming() throws {
        let text = "   " + String(repeating: "a", count: 4096) + "   "
        #expect(try normalize(text).text.count == 4096)
    }
}

@Suite struct Cleaning {
    @Test func controlCharactersBecomeSpacesAndCarriageReturnsGo() throws {
        #expect(
            try normalize("a\tb\r\nc", [e("bold", 5, 1)])
                == FormattedText(text: "a b\nc", entities: [e("bold", 4, 1)]))
    }

    @Test func lineSeparatorsAreRemoved() throws {
        #expect(try normalize("a\u{2028}b").text == "ab")
    }
}

@Suite struct EntityRules {
    @Test func entitiesAreSortedByOffsetThenLongerFirst() throws {
        let result = try normalize("hello world", [e("italic", 6, 5), e("bold", 0, 5), e("code", 0, 11)])
        #expect(result.entities == [e("code", 0, 11)])
        let nested = try normalize("hello world", [e("italic", 6, 5), e("text_link", 0, 11, url: "t.me")])
        #expect(nested.entities == [e("text_link", 0, 11, url: "http://t.me/"), e("italic", 6, 5)])
    }

    @Test func anOuterSplittableEntityIsCutWhereAnotherBegins() throws {
        // TDLib answers <b>hello <i>world</i></b> with two bold pieces.
        let result = try normalize("hello world", [e("italic", 6, 5), e("bold", 0, 11)])
        #expect(result.entities == [e("bold", 0, 6), e("bold", 6, 5), e("italic", 6, 5)])
    }

    @Test func emptyEntitiesAreDropped() throws {
        #expect(try normalize("hello", [e("bold", 1, 0)]).entities.isEmpty)
    }

    @Test func crossingSplittableEntitiesAreCutToNest() throws {
        let result = try normalize("hello world", [e("bold", 0, 5), e("italic", 3, 5)])
        #expect(result.entities == [e("bold", 0, 3), e("italic", 3, 5), e("bold", 3, 2)])
    }

    @Test func overlappingSameTypeEntitiesMerge() throws {
        let result = try normalize("hello world", [e("bold", 0, 5), e("bold", 3, 5)])
        #expect(result.entities == [e("bold", 0, 8)])
    }

    @Test func theFirstOfCrossingContinuousEntitiesWins() throws {
        let result = try normalize("hello world", [e("text_link", 0, 5, url: "https://a.io"), e("code", 2, 5)])
        #expect(result.entities == [e("text_link", 0, 5, url: "https://a.io/")])
    }

    @Test func formattingInsideCodeIsDropped() throws {
        let result = try normalize("hello world", [e("code", 0, 11), e("bold", 2, 3)])
        #expect(result.entities == [e("code", 0, 11)])
    }

    @Test func autoDetectableTypesGivenExplicitlyAreReplacedByDetection() throws {
        let given = [e("mention", 0, 2), e("url", 3, 5)]
        #expect(try normalize("hi @durov", given).entities == [e("mention", 3, 6)])
        #expect(try normalize("hi @durov", given, detect: false).entities == [])
    }

    @Test func botCommandsAreDetectedInBotMessages() throws {
        #expect(try normalize("/start").entities == [e("bot_command", 0, 6)])
    }

    @Test func detectedEntitiesDoNotCrossGivenOnes() throws {
        let result = try normalize("visit example.com now", [e("code", 0, 9)])
        #expect(result.entities == [e("code", 0, 9)])
        let bold = try normalize("visit example.com now", [e("bold", 0, 21)])
        // Splittable entities are cut at the borders of the detected link.
        #expect(bold.entities == [e("bold", 0, 6), e("url", 6, 11), e("bold", 6, 11), e("bold", 17, 4)])
    }
}

@Suite struct EntityPayloads {
    @Test func textLinkURLsAreCanonical() throws {
        let result = try normalize("link", [e("text_link", 0, 4, url: "example.com")])
        #expect(result.entities == [e("text_link", 0, 4, url: "http://example.com/")])
    }

    @Test func textLinkToAUserBecomesAMention() throws {
        let result = try normalize("Pavel", [e("text_link", 0, 5, url: "tg://user?id=42")])
        #expect(result.entities == [e("text_mention", 0, 5, userID: 42)])
    }

    @Test func badTextLinkIsAnError() {
        #expect(
            failure { () throws(FormattingError) in try normalize("link", [e("text_link", 0, 4, url: "foo")]) }
                == "entity URL 'foo' is invalid: Wrong HTTP URL")
    }

    @Test func preWithLanguage() throws {
        let result = try normalize("x = 1", [e("pre", 0, 5, language: "python")])
        #expect(result.entities == [e("pre", 0, 5, language: "python")])
    }

    @Test func dateTimeFormatIsCanonical() throws {
        let given = TextEntity(type: "date_time", offset: 0, length: 4, unixTime: 1_647_531_900, dateTimeFormat: "Tw")
        let result = try normalize("soon", [given])
        #expect(result.entities.first?.dateTimeFormat == "wT")
        #expect(result.entities.first?.unixTime == 1_647_531_900)
    }

    @Test func badDateTimeFormatIsAnError() {
        let given = TextEntity(type: "date_time", offset: 0, length: 4, unixTime: 1, dateTimeFormat: "x")
        #expect(
            failure { () throws(FormattingError) in try normalize("soon", [given]) } == "invalid date-time format specified")
    }

    @Test func customEmojiNeedsANumericID() {
        let given = TextEntity(type: "custom_emoji", offset: 0, length: 2, customEmojiID: "abc")
        #expect(
            failure { () throws(FormattingError) in try normalize("👍", [given]) } == "invalid custom emoji identifier specified")
    }
}

@Suite struct OffsetErrors {
    @Test func entityAfterTheEnd() {
        #expect(
            failure { () throws(FormattingError) in try normalize("hi", [e("bold", 10, 1)]) }
                == "entity begins after the end of the text at UTF-16 offset 10")
    }

    @Test func entityPastTheEnd() {
        #expect(
            failure { () throws(FormattingError) in try normalize("hi", [e("bold", 0, 10)]) }
                == "entity beginning at UTF-16 offset 0 ends after the end of the text at UTF-16 offset 10")
    }

    @Test func entityInsideASurrogatePair() {
        #expect(
            failure { () throws(FormattingError) in try normalize("😀", [e("bold", 1, 1)]) }
                == "entity begins in a middle of a UTF-16 symbol at byte offset 4")
    }

    @Test func negativeOffset() {
        #expect(
            failure { () throws(FormattingError) in try normalize("hi", [e("bold", -1, 1)]) }
                == "receive an entity with incorrect offset -1")
    }
}
