import Testing

@testable import Formatting

private func e(_ type: String, _ offset: Int, _ length: Int) -> TextEntity {
    TextEntity(type: type, offset: offset, length: length)
}

private func fixed(_ text: String, _ entities: [TextEntity]) throws -> FormattedText {
    try TextValidator.normalize(text: text, entities: entities, kind: .caption, detectEntities: true)
}

/// Cases from TDLib's `fix_formatted_text` tests (test/message_entities.cpp): how overlapping
/// entities are cut, merged and dropped.
@Suite struct EntityFixing {
    @Test func carriageReturnsDisappearAndEntitiesFollow() throws {
        #expect(
            try fixed("a\rbc\r", [e("italic", 0, 1), e("bold", 0, 2), e("italic", 3, 2), e("bold", 3, 1)])
                == FormattedText(text: "abc", entities: [e("bold", 0, 1), e("italic", 0, 1), e("bold", 2, 1), e("italic", 2, 1)]))
        #expect(
            try fixed("a\rb", [e("bold", 0, 1), e("italic", 0, 1), e("bold", 2, 1), e("italic", 2, 1)])
                == FormattedText(text: "ab", entities: [e("bold", 0, 2), e("italic", 0, 2)]))
        #expect(try fixed("a \r b", [e("bold", 0, 5), e("underline", 2, 1)]) == FormattedText(text: "a  b", entities: [e("bold", 0, 4)]))
    }

    @Test func sameTypeEntitiesMergeWhenTheyTouchOrOverlap() throws {
        #expect(try fixed("abc", [e("italic", 1, 1), e("italic", 0, 1)]).entities == [e("italic", 0, 2)])
        #expect(try fixed("abc", [e("italic", 1, 1), e("italic", 1, 1)]).entities == [e("italic", 1, 1)])
        #expect(try fixed("abc", [e("italic", 0, 2), e("italic", 1, 2)]).entities == [e("italic", 0, 3)])
        #expect(try fixed("abc", [e("italic", 0, 1), e("italic", 2, 1)]).entities == [e("italic", 0, 1), e("italic", 2, 1)])
    }

    @Test func crossingSplittableEntitiesAreCut() throws {
        #expect(
            try fixed("abc", [e("italic", 0, 2), e("bold", 1, 2)]).entities
                == [e("italic", 0, 1), e("bold", 1, 2), e("italic", 1, 1)])
        #expect(
            try fixed("ab", [e("underline", 0, 2), e("strikethrough", 1, 1)]).entities
                == [e("underline", 0, 1), e("underline", 1, 1), e("strikethrough", 1, 1)])
        #expect(
            try fixed("ab", [e("underline", 0, 1), e("underline", 1, 1), e("spoiler", 0, 1)]).entities
                == [e("underline", 0, 2), e("spoiler", 0, 1)])
    }

    @Test func detectedMentionsCutFormatting() throws {
        #expect(
            try fixed("@tests @tests", [e("italic", 0, 13)]).entities
                == [e("mention", 0, 6), e("italic", 0, 6), e("italic", 6, 1), e("mention", 7, 6), e("italic", 7, 6)])
    }

    @Test func codeBlocksTakeNoFormattingInside() throws {
        #expect(try fixed("a", [e("pre", 0, 1), e("spoiler", 0, 1)]).entities == [e("pre", 0, 1)])
        #expect(try fixed("abc", [e("pre", 0, 3), e("strikethrough", 1, 1)]).entities == [e("pre", 0, 3)])
        #expect(
            try fixed("abc", [e("pre", 1, 1), e("strikethrough", 0, 3)]).entities
                == [e("strikethrough", 0, 1), e("pre", 1, 1), e("strikethrough", 2, 1)])
        #expect(
            try fixed("abc", [e("pre", 1, 1), e("strikethrough", 1, 2)]).entities
                == [e("pre", 1, 1), e("strikethrough", 2, 1)])
    }

    @Test func blockquotesAndCode() throws {
        #expect(try fixed("abc", [e("pre", 0, 3), e("blockquote", 1, 1)]).entities == [e("blockquote", 1, 1)])
        #expect(try fixed("abc", [e("blockquote", 0, 3), e("pre", 1, 1)]).entities == [e("blockquote", 0, 3), e("pre", 1, 1)])
        #expect(try fixed("example.com", [e("pre", 0, 3)]).entities == [e("pre", 0, 3)])
        #expect(try fixed("example.com", [e("blockquote", 0, 3)]).entities == [e("blockquote", 0, 3)])
        #expect(
            try fixed("example.com", [e("blockquote", 0, 11)]).entities == [e("blockquote", 0, 11), e("url", 0, 11)])
    }

    @Test func whitespaceOnlyEntitiesVanishWithTheText() throws {
        for text in ["\t", "\r", "\n", "\t ", "\r ", "\n "] {
            #expect(try fixed(text, [e("bold", 0, 1)]) == FormattedText(text: ""))
        }
    }

    @Test func offsetsMoveAroundARemovedCarriageReturn() throws {
        // "aba \r\n caba ": the '\r' at offset 4 goes; entities after it move left by one.
        #expect(try fixed("aba \r\n caba ", [e("bold", 6, 3)]) == FormattedText(text: "aba \n caba", entities: [e("bold", 5, 3)]))
        #expect(try fixed("aba \r\n caba ", [e("bold", 3, 3)]) == FormattedText(text: "aba \n caba", entities: [e("bold", 3, 2)]))
    }
}
