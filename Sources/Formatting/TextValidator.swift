// The final check of a message text and its entities before it is stored, after TDLib's
// `get_message_entities` + `fix_formatted_text` (td/telegram/MessageEntity.cpp).
//
// Order of work, as in TDLib, because the order decides which error a bad request gets:
//  1. explicit entities are read: auto-detectable types dropped, links checked;
//  2. offsets are range-checked, empty entities dropped, overlaps resolved (`fixEntities`);
//  3. control characters are replaced or removed, moving entity offsets with the text;
//  4. leading/trailing spaces and newlines are trimmed, entities clipped;
//  5. emptiness and length are checked; 6. freshly detected entities are merged in.

/// Validates and normalises the text of an outgoing message or caption.
public enum TextValidator {
    /// The text and entities Telegram stores for a bot's message, or the error it answers with.
    ///
    /// Trims leading and trailing spaces/newlines (entities are clipped or shifted), replaces
    /// control characters by spaces and drops `\r`, sorts entities (offset ascending, length
    /// descending), drops empty ones, resolves overlaps by TDLib's nesting rules and drops
    /// explicitly given auto-detectable types (mention, hashtag, cashtag, bot_command, url, email,
    /// phone_number, bank_card_number). Lengths are checked in Unicode code points: 4096 for a
    /// text ("message is too long"), 1024 for a caption ("message caption is too long").
    ///
    /// `text_link` URLs come back canonical (`example.com` → `http://example.com/`) and a
    /// `text_link` to `tg://user?id=N` becomes a `text_mention` of user N.
    ///
    /// This form does not add detected entities; use
    /// ``normalize(text:entities:kind:detectEntities:skipBotCommands:)`` with
    /// `detectEntities: true` to merge them in exactly as TDLib does for a bot's message.
    public static func normalize(text: String, entities: [TextEntity], kind: TextKind)
        throws(FormattingError) -> FormattedText
    {
        try normalize(text: text, entities: entities, kind: kind, detectEntities: false)
    }

    /// Like ``normalize(text:entities:kind:)``, and with `detectEntities` also merges in the
    /// entities TDLib detects in a bot's message (bot commands unless `skipBotCommands`,
    /// mentions, hashtags, cashtags, links, e-mail addresses; phone numbers only with
    /// `phoneNumbers`: TDLib leaves them to clients, which find them in what people type).
    /// Detected entities never cross given non-formatting entities, and
    /// bold/italic/underline/strikethrough/spoiler are cut at their borders, as in TDLib.
    public static func normalize(
        text: String, entities: [TextEntity], kind: TextKind, detectEntities: Bool,
        skipBotCommands: Bool = false, phoneNumbers: Bool = false
    ) throws(FormattingError) -> FormattedText {
        var list = try readEntities(entities)
        var bytes = Array(text.utf8)
        try fixFormattedText(
            &bytes, &list, allowEmpty: kind.allowsEmpty, skipNewEntities: !detectEntities,
            skipBotCommands: skipBotCommands, phoneNumbers: phoneNumbers)
        var codePoints = 0
        for c in bytes where Utf8.isFirstByte(c) { codePoints += 1 }
        if codePoints > kind.maxLength { throw kind.tooLongError }
        return FormattedText(
            text: Utf8.string(bytes),
            entities: list.compactMap { $0.kind == .bankCardNumber ? nil : $0.textEntity })
    }

    /// TDLib's `get_message_entities` for entities that arrive in a request.
    static func readEntities(_ entities: [TextEntity]) throws(FormattingError) -> [Entity] {
        var result: [Entity] = []
        result.reserveCapacity(entities.count)
        for e in entities {
            var entity = Entity(kind: .bold, offset: e.offset, length: e.length)
            switch e.type {
            case "bold": entity.kind = .bold
            case "italic": entity.kind = .italic
            case "underline": entity.kind = .underline
            case "strikethrough": entity.kind = .strikethrough
            case "spoiler": entity.kind = .spoiler
            case "blockquote": entity.kind = .blockquote
            case "expandable_blockquote": entity.kind = .expandableBlockquote
            case "code": entity.kind = .code
            case "pre":
                if let language = e.language, !language.isEmpty {
                    entity.kind = .preCode
                    entity.argument = language
                } else {
                    entity.kind = .pre
                }
            case "text_link":
                let url = Array((e.url ?? "").utf8)
                if let userID = linkUserID(url) {
                    entity.kind = .mentionName
                    entity.userID = userID
                } else {
                    switch checkLink(url) {
                    case .success(let checked):
                        entity.kind = .textURL
                        entity.argument = checked
                    case .failure(let error):
                        throw FormattingError.tdlib("Entity URL '\(e.url ?? "")' is invalid: \(error.message)")
                    }
                }
            case "text_mention":
                entity.kind = .mentionName
                entity.userID = Int64(e.userID ?? 0)
            case "custom_emoji":
                entity.kind = .customEmoji
                entity.customEmojiID = lenientInteger(Array((e.customEmojiID ?? "").utf8))
                if entity.customEmojiID == 0 {
                    throw FormattingError.tdlib("Invalid custom emoji identifier specified")
                }
            case "date_time":
                entity.kind = .dateTime
                guard let flags = DateTimeFormat.flags(e.dateTimeFormat ?? "") else {
                    throw FormattingError("invalid date-time format specified")
                }
                entity.dateFlags = flags
                entity.date = e.unixTime ?? 0
            default:
                // Auto-detectable types are found again by detection; unknown ones are the
                // caller's to reject while decoding.
                continue
            }
            result.append(entity)
        }
        return result
    }

    /// TDLib's `fix_formatted_text` for bots: cleans `bytes`, fixes `entities` (UTF-16 based).
    static func fixFormattedText(
        _ bytes: inout [UInt8], _ entities: inout [Entity], allowEmpty: Bool, skipNewEntities: Bool,
        skipBotCommands: Bool, phoneNumbers: Bool = false
    ) throws(FormattingError) {
        if !entities.isEmpty {
            for e in entities {
                if e.offset < 0 || e.offset > 1_000_000 {
                    throw FormattingError.tdlib("Receive an entity with incorrect offset \(e.offset)")
                }
                if e.length < 0 || e.length > 1_000_000 {
                    throw FormattingError.tdlib("Receive an entity with incorrect length \(e.length)")
                }
            }
            removeEmptyEntities(&entities)
            fixEntities(&entities)
        }
        bytes = try cleanInputString(bytes, &entities)

        let (lastPos, lastUTF16) = lastNonWhitespace(bytes, &entities)
        if lastUTF16 == -1 {
            if allowEmpty {
                bytes = []
                entities = []
                return
            }
            throw FormattingError("text must be non-empty")
        }
        fixEntities(&entities)

        // Right trim: drop entities that start in the trimmed tail, clip the others.
        bytes.removeSubrange((lastPos + 1)...)
        while let last = entities.last, last.offset > lastUTF16 { entities.removeLast() }
        var needSort = false
        for i in entities.indices where entities[i].end > lastUTF16 + 1 {
            entities[i].length = lastUTF16 + 1 - entities[i].offset
            needSort = true
        }
        if needSort { entities.sortEntities() }

        // Left trim: only whitespace before the first entity goes (an entity keeps its spaces).
        let firstEntityBegin = entities.first?.offset ?? bytes.count
        var first = 0
        while first < firstEntityBegin && first < bytes.count
            && (bytes[first] == 0x20 || bytes[first] == 0x0A)
        {
            first += 1
        }
        if first > 0 {
            bytes.removeSubrange(0..<first)
            for i in entities.indices { entities[i].offset -= first }
        }

        if isEmptyString(bytes) && !allowEmpty {
            throw FormattingError("text must be non-empty")
        }

        if !skipNewEntities {
            mergeNewEntities(
                &entities, EntityDetector.find(bytes, skipBotCommands: skipBotCommands, phoneNumbers: phoneNumbers))
        }
    }

    /// TDLib's `remove_empty_entities`: zero-length entities and ones without their payload.
    static func removeEmptyEntities(_ entities: inout [Entity]) {
        entities.removeAll { e in
            if e.length <= 0 { return true }
            switch e.kind {
            case .textURL: return e.argument.isEmpty
            case .mentionName: return !isValidUserID(e.userID)
            case .customEmoji: return e.customEmojiID == 0
            case .dateTime: return e.date <= 0
            default: return false
            }
        }
    }

    // MARK: - Cleaning

    /// TDLib's `clean_input_string_with_entities`: control characters become spaces, `\r`,
    /// U+2028...U+202E and some combining vertical lines disappear; entities move along.
    /// Entities must be sorted and properly nested.
    static func cleanInputString(_ b: [UInt8], _ entities: inout [Entity]) throws(FormattingError) -> [UInt8] {
        let n = b.count
        var result: [UInt8] = []
        result.reserveCapacity(n)
        // Plain integer copies keep this per-byte loop free of reference counting.
        var offsets = entities.map(\.offset)
        var lengths = entities.map(\.length)
        var stack: [(index: Int, skippedBefore: Int)] = []
        var current = 0
        var utf16Offset = 0
        var utf16Skipped = 0
        var pos = 0
        while pos <= n {
            let c = pos < n ? b[pos] : 0
            let isBegin = Utf8.isFirstByte(c)
            if isBegin && (!stack.isEmpty || current < offsets.count) {
                while let top = stack.last {
                    let end = offsets[top.index] + lengths[top.index]
                    if utf16Offset < end { break }
                    if utf16Offset != end {
                        throw FormattingError.tdlib(
                            "Entity beginning at UTF-16 offset \(offsets[top.index]) ends in a middle of a UTF-16 symbol at byte offset \(pos)"
                        )
                    }
                    offsets[top.index] -= top.skippedBefore
                    lengths[top.index] -= utf16Skipped - top.skippedBefore
                    stack.removeLast()
                }
                while current < offsets.count && utf16Offset >= offsets[current] {
                    if utf16Offset != offsets[current] {
                        throw FormattingError.tdlib(
                            "Entity begins in a middle of a UTF-16 symbol at byte offset \(pos)")
                    }
                    stack.append((current, utf16Skipped))
                    current += 1
                }
            }
            if pos == n { break }
            switch c {
            case 0...9, 11, 12, 14...32:
                result.append(0x20)
                utf16Offset += 1
            case 13:
                utf16Offset += 1
                utf16Skipped += 1
            default:
                if isBegin { utf16Offset += Utf8.utf16Width(c) }
                if c == 0xE2 && pos + 2 < n && b[pos + 1] == 0x80 && (0xA8...0xAE).contains(b[pos + 2]) {
                    // line/paragraph separators and bidirectional embeddings
                    pos += 3
                    utf16Skipped += 1
                    continue
                }
                if c == 0xCC && pos + 1 < n && (b[pos + 1] == 0xB3 || b[pos + 1] == 0xBF || b[pos + 1] == 0x8A) {
                    // combining vertical lines, used to draw over text
                    pos += 2
                    utf16Skipped += 1
                    continue
                }
                result.append(c)
            }
            pos += 1
        }
        if current != offsets.count {
            throw FormattingError.tdlib(
                "Entity begins after the end of the text at UTF-16 offset \(offsets[current])")
        }
        if let top = stack.last {
            throw FormattingError.tdlib(
                "Entity beginning at UTF-16 offset \(offsets[top.index]) ends after the end of the text at UTF-16 offset \(offsets[top.index] + lengths[top.index])"
            )
        }
        for i in entities.indices {
            entities[i].offset = offsets[i]
            entities[i].length = lengths[i]
        }
        replaceOffendingCharacters(&result)
        return result
    }

    /// TDLib's `replace_offending_characters`: in a run of LRM/RLM marks all but the last become
    /// zero-width non-joiners (same length, so offsets stay).
    static func replaceOffendingCharacters(_ s: inout [UInt8]) {
        let n = s.count
        func isMark(_ i: Int) -> Bool {
            i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0x8E || s[i + 2] == 0x8F)
        }
        var pos = 0
        while pos < n {
            if isMark(pos) {
                while isMark(pos + 3) {
                    s[pos + 2] = 0x8C
                    pos += 3
                }
                pos += 2
            }
            pos += 1
        }
    }

    /// TDLib's `remove_invalid_entities`: drops empty entities and finds the last character
    /// that is not a space or newline: (its last byte, its last UTF-16 unit), or (_, -1).
    static func lastNonWhitespace(_ b: [UInt8], _ entities: inout [Entity]) -> (Int, Int) {
        if entities.isEmpty {
            var i = b.count - 1
            while i >= 0 {
                if b[i] != 0x0A && b[i] != 0x20 { return (i, 0) }
                i -= 1
            }
            return (b.count, -1)
        }
        removeEmptyEntities(&entities)
        var lastPos = b.count
        var lastUTF16 = -1
        var utf16 = 0
        var pos = 0
        let n = b.count
        while pos < n {
            let c = b[pos]
            if c != 0x0A && c != 0x20 {
                while pos + 1 < n && !Utf8.isFirstByte(b[pos + 1]) { pos += 1 }
                if c >= 0xF0 { utf16 += 1 }
                lastPos = pos
                lastUTF16 = utf16
            }
            utf16 += 1
            pos += 1
        }
        return (lastPos, lastUTF16)
    }

    /// TDLib's `is_empty_string`: nothing but spaces, newlines and invisible characters.
    static func isEmptyString(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count {
            let (c, next) = Utf8.decode(b, i)
            switch c {
            case 0, 0x09, 0x0A, 0x0B, 0x0D, 0x20, 0xA0, 0x1680, 0x180E, 0x2000...0x200F, 0x202E, 0x202F,
                0x205F, 0x2800, 0x3000, 0xFEFF, 0xFFFC, 0xE0000...0xE007F:
                i = next
            default:
                return false
            }
        }
        return true
    }

    // MARK: - Overlaps and nesting

    /// TDLib's `fix_entities`: sorts, then, unless the entities already nest correctly, keeps
    /// the first of intersecting non-splittable entities, keeps blockquotes apart and cuts
    /// bold/italic/underline/strikethrough/spoiler to fit.
    static func fixEntities(_ entities: inout [Entity]) {
        entities.sortEntities()
        if areEntitiesValid(entities) { return }
        var continuous: [Entity] = []
        var blockquotes: [Entity] = []
        var splittable: [Entity] = []
        for e in entities {
            if e.kind.isSplittable {
                splittable.append(e)
            } else if e.kind.isBlockquote {
                blockquotes.append(e)
            } else {
                continuous.append(e)
            }
        }
        continuous = EntityDetector.removeIntersecting(continuous)
        if !blockquotes.isEmpty {
            blockquotes = EntityDetector.removeIntersecting(blockquotes)
            continuous = removeIntersectingBlockquote(continuous, blockquotes)
            continuous += blockquotes
            continuous.sortEntities()
        }
        entities = resplit(splittable, continuous)
    }

    /// TDLib's `are_entities_valid`: whether sorted entities already satisfy every rule.
    static func areEntitiesValid(_ entities: [Entity]) -> Bool {
        if entities.isEmpty { return true }
        var endPos = [Int](repeating: -1, count: 5)
        var stack: [Entity] = []
        var mask = 0
        for e in entities {
            while let top = stack.last, e.offset >= top.end {
                mask -= top.kind.mask
                stack.removeLast()
            }
            if let parent = stack.last {
                if e.end > parent.end { return false }  // intersects a previous entity
                if mask & e.kind.mask != 0 { return false }  // same type nested
                if parent.kind.isPre { return false }  // code-like entities contain nothing
                if e.kind.isPre && mask & ~Kind.blockquoteMask != 0 { return false }
                if (e.kind.isContinuous || e.kind.isBlockquote) && mask & Kind.continuousMask != 0 {
                    return false
                }
                if e.kind.isBlockquote && mask & Kind.blockquoteMask != 0 { return false }
                if mask & Kind.splittableMask != 0 { return false }  // may need splitting
            }
            if e.kind.isSplittable {
                let index = e.kind.splittableIndex
                if endPos[index] >= e.offset { return false }  // could be merged
                endPos[index] = e.end
            }
            stack.append(e)
            mask += e.kind.mask
        }
        return true
    }

    /// Drops entities that cross a blockquote's border (both lists sorted, non-intersecting).
    static func removeIntersectingBlockquote(_ entities: [Entity], _ blockquotes: [Entity]) -> [Entity] {
        if blockquotes.isEmpty { return entities }
        var result: [Entity] = []
        var q = 0
        for e in entities {
            while q < blockquotes.count && (!blockquotes[q].kind.isBlockquote || blockquotes[q].end <= e.offset) {
                q += 1
            }
            if q < blockquotes.count
                && (blockquotes[q].end < e.end || (e.offset < blockquotes[q].offset && blockquotes[q].offset < e.end))
            {
                continue
            }
            result.append(e)
        }
        return result
    }

    static func resplit(_ splittable: [Entity], _ others: [Entity]) -> [Entity] {
        if splittable.isEmpty { return others }
        var pieces = splitEntities(splittable, others)
        if others.isEmpty { return pieces }
        pieces = others + pieces
        pieces.sortEntities()
        return pieces
    }

    /// TDLib's `split_entities`: merges overlapping splittable entities of one type and cuts
    /// them at the borders of the other entities, dropping the parts inside code-like ones.
    static func splitEntities(_ entities: [Entity], _ others: [Entity]) -> [Entity] {
        var beginPos = [Int](repeating: 0, count: 5)
        var endPos = [Int](repeating: 0, count: 5)
        var it = 0
        var result: [Entity] = []

        func flush(_ offset: Int) {
            for kind in Kind.splittableKinds {
                let i = kind.splittableIndex
                if endPos[i] != 0 && beginPos[i] < offset {
                    if endPos[i] <= offset {
                        result.append(Entity(kind: kind, offset: beginPos[i], length: endPos[i] - beginPos[i]))
                        beginPos[i] = 0
                        endPos[i] = 0
                    } else {
                        result.append(Entity(kind: kind, offset: beginPos[i], length: offset - beginPos[i]))
                        beginPos[i] = offset
                    }
                }
            }
        }
        func addEntities(_ endOffset: Int) {
            while it < entities.count {
                let e = entities[it]
                if e.offset >= endOffset { break }
                let i = e.kind.splittableIndex
                if e.offset <= endPos[i] && endPos[i] != 0 {
                    if e.end > endPos[i] { endPos[i] = e.end }
                } else {
                    flush(e.offset)
                    beginPos[i] = e.offset
                    endPos[i] = e.end
                }
                it += 1
            }
            flush(endOffset)
        }
        var stack: [Entity] = []
        func addOffset(_ offset: Int) {
            while let top = stack.last, offset >= top.end {
                let oldSize = result.count
                addEntities(top.end)
                if top.kind.isPre { result.removeSubrange(oldSize...) }
                stack.removeLast()
            }
            addEntities(offset)
        }
        for other in others {
            addOffset(other.offset)
            stack.append(other)
        }
        addOffset(Int.max)
        result.sortEntities()
        return result
    }

    /// TDLib's `merge_new_entities`: adds detected entities where they do not collide with
    /// the given ones.
    static func mergeNewEntities(_ entities: inout [Entity], _ newEntities: [Entity]) {
        if newEntities.isEmpty { return }
        var continuous: [Entity] = []
        var blockquotes: [Entity] = []
        var splittable: [Entity] = []
        for e in entities {
            if e.kind.isSplittable {
                splittable.append(e)
            } else if e.kind.isBlockquote {
                blockquotes.append(e)
            } else {
                continuous.append(e)
            }
        }
        let fresh = removeIntersectingBlockquote(newEntities, blockquotes)
        continuous = mergeEntities(continuous, fresh)
        if !blockquotes.isEmpty {
            continuous += blockquotes
            continuous.sortEntities()
        }
        entities = resplit(splittable, continuous)
    }

    /// Interleaves new entities between old ones, skipping new ones that overlap an old one.
    static func mergeEntities(_ old: [Entity], _ new: [Entity]) -> [Entity] {
        if new.isEmpty { return old }
        if old.isEmpty { return new }
        var result: [Entity] = []
        result.reserveCapacity(old.count + new.count)
        var j = 0
        for o in old {
            while j < new.count && new[j].end <= o.offset {
                result.append(new[j])
                j += 1
            }
            result.append(o)
            while j < new.count && new[j].offset < o.end { j += 1 }
        }
        result += new[j...]
        return result
    }
}
