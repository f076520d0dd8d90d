// Detection of the entities Telegram finds by itself in plain text: bot commands, mentions,
// hashtags, cashtags, links, e-mail addresses, phone numbers (and, internally, bank cards).
//
// The matchers follow TDLib's `find_entities` (td/telegram/MessageEntity.cpp) rule by rule:
// each was originally a regular expression there and is hand-written over UTF-8 bytes, which
// is also what keeps this fast. Phone numbers are the exception: TDLib leaves them to the
// Telegram server, so that matcher is this module's own, modelled on what the server returns.

/// Finds the entities that Telegram clients and servers recognise in user-typed text.
public enum EntityDetector {
    /// Entities detected in `text`, sorted by offset, never overlapping; offsets in UTF-16.
    ///
    /// Types found: `bot_command` (`/start`, `/start@echo_bot`), `mention` (`@username`, 4-32
    /// characters, plus the short `@gif`, `@vid`, `@pic`), `hashtag` (`#tag`, `#tag@chat`),
    /// `cashtag` (`$USD`, `$1INCH`), `url` (`https://t.me/x?y=1`, `example.com`,
    /// `tg://resolve`), `email` and `phone_number` (`+1 234 567 8900`).
    ///
    /// Boundaries are checked against Unicode word characters, so `a/b` holds no command and
    /// `foo@bar.com` is an e-mail, not a mention.
    public static func detect(in text: String) -> [TextEntity] {
        let bytes = Array(text.utf8)
        return find(bytes, skipBotCommands: false).compactMap { entity in
            // The Bot API never shows bank card numbers; they only keep other entities away.
            entity.kind == .bankCardNumber ? nil : entity.textEntity
        }
    }

    /// TDLib's `find_entities` (without media timestamps, which bots never see): all detected
    /// entities of `bytes`, non-intersecting, sorted, with UTF-16 offsets.
    static func find(_ b: [UInt8], skipBotCommands: Bool, phoneNumbers: Bool = true) -> [Entity] {
        var found: [Entity] = []
        func add(_ kind: Kind, _ ranges: [Range<Int>]) {
            for r in ranges {
                found.append(Entity(kind: kind, offset: r.lowerBound, length: r.count))
            }
        }
        add(.mention, findMentions(b))
        if !skipBotCommands { add(.botCommand, matchBotCommands(b)) }
        add(.hashtag, matchHashtags(b))
        add(.cashtag, matchCashtags(b))
        if phoneNumbers { add(.phoneNumber, matchPhoneNumbers(b)) }
        add(.bankCardNumber, matchBankCardNumbers(b).filter { isValidBankCard(b[$0]) })
        add(.url, matchTgURLs(b))
        for (range, isEmail) in findURLs(b) {
            add(isEmail ? .email : .url, [range])
        }
        if found.isEmpty { return found }
        found.sortEntities()
        found = removeIntersecting(found)
        convertByteOffsetsToUTF16(b, &found)
        return found
    }

    // MARK: - Character classes

    @inline(__always)
    static func isWordCharacter(_ c: UInt32) -> Bool {
        if c < 0x80 {
            let b = UInt8(c)
            return ASCII.isAlnum(b) || b == UInt8(ascii: "_")
        }
        switch SimpleCategory.of(c) {
        case .letter, .decimalNumber, .number: return true
        default: return false
        }
    }

    @inline(__always)
    static func isAlnumUnderscore(_ c: UInt8) -> Bool {
        ASCII.isAlnum(c) || c == UInt8(ascii: "_")
    }

    @inline(__always)
    static func isAlnumUnderscoreMinus(_ c: UInt32) -> Bool {
        c < 0x80 && (isAlnumUnderscore(UInt8(c)) || c == 0x2D)
    }

    /// Letters of hashtags and the characters around cashtags.
    @inline(__always)
    static func hashtagLetter(_ c: UInt32) -> (isLetter: Bool, category: SimpleCategory) {
        let category = SimpleCategory.of(c)
        if c == 0x5F || c == 0x200C || c == 0xB7 || (0xD80...0xDFF).contains(c) {
            return (true, category)
        }
        return (category == .letter || category == .decimalNumber, category)
    }

    @inline(__always)
    static func find(_ byte: UInt8, in b: [UInt8], from: Int) -> Int? {
        var i = from
        let n = b.count
        while i < n {
            if b[i] == byte { return i }
            i += 1
        }
        return nil
    }

    // MARK: - Mentions and commands

    static func findMentions(_ b: [UInt8]) -> [Range<Int>] {
        matchMentions(b).filter { r in
            let name = r.count - 1
            if name >= 4 { return true }
            // Only these inline bots have names shorter than four characters.
            let lowered = ASCII.lowered(b[(r.lowerBound + 1)..<r.upperBound])
            return lowered == Array("gif".utf8) || lowered == Array("vid".utf8)
                || lowered == Array("pic".utf8)
        }
    }

    static func matchMentions(_ b: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let n = b.count
        var p = 0
        while let at = find(UInt8(ascii: "@"), in: b, from: p) {
            if at > 0 && isWordCharacter(Utf8.previousScalar(b, at)) {
                p = at + 1
                continue
            }
            var q = at + 1
            while q < n && isAlnumUnderscore(b[q]) { q += 1 }
            p = q
            let size = q - at - 1
            if size < 2 || size > 32 { continue }
            if q < n && isWordCharacter(Utf8.decode(b, q).0) { continue }
            result.append(at..<q)
        }
        return result
    }

    static func matchBotCommands(_ b: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let n = b.count
        var p = 0
        func isBoundaryBreaker(_ c: UInt32) -> Bool {
            isWordCharacter(c) || c == 0x2F || c == 0x3C || c == 0x3E  // '/', '<', '>'
        }
        while let slash = find(UInt8(ascii: "/"), in: b, from: p) {
            if slash > 0 && isBoundaryBreaker(Utf8.previousScalar(b, slash)) {
                p = slash + 1
                continue
            }
            var q = slash + 1
            while q < n && isAlnumUnderscore(b[q]) { q += 1 }
            p = q
            let size = q - slash - 1
            if size < 1 || size > 64 { continue }
            var commandEnd = q
            if q < n && b[q] == UInt8(ascii: "@") {
                let nameBegin = q + 1
                q = nameBegin
                while q < n && isAlnumUnderscore(b[q]) { q += 1 }
                p = q
                let nameSize = q - nameBegin
                if nameSize < 3 || nameSize > 32 { continue }
                commandEnd = q
            }
            if q < n && isBoundaryBreaker(Utf8.decode(b, q).0) { continue }
            result.append(slash..<commandEnd)
        }
        return result
    }

    // MARK: - Hashtags and cashtags

    static func matchHashtags(_ b: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let n = b.count
        var p = 0
        while let hash = find(UInt8(ascii: "#"), in: b, from: p) {
            if hash > 0 && hashtagLetter(Utf8.previousScalar(b, hash)).isLetter {
                p = hash + 1
                continue
            }
            var ptr = hash + 1
            var size = 0
            var hashtagEnd = -1
            var wasLetter = false
            while ptr < n {
                let (code, next) = Utf8.decode(b, ptr)
                let (isLetter, category) = hashtagLetter(code)
                if !isLetter { break }
                ptr = next
                // At most 256 characters count; the entity ends after the 256th.
                if size == 255 { hashtagEnd = ptr }
                if size != 256 {
                    wasLetter = wasLetter || category == .letter
                    size += 1
                }
            }
            if hashtagEnd < 0 { hashtagEnd = ptr }
            defer { p = ptr }
            if size < 1 { continue }
            if hashtagEnd == ptr && ptr < n && b[ptr] == UInt8(ascii: "@") {
                var nameEnd = ptr + 1
                while nameEnd < n && nameEnd - ptr < 33 && isAlnumUnderscore(b[nameEnd]) { nameEnd += 1 }
                if nameEnd - ptr - 1 >= 3 {
                    ptr = nameEnd
                    hashtagEnd = nameEnd
                }
            }
            if ptr < n && b[ptr] == UInt8(ascii: "#") { continue }
            if !wasLetter { continue }
            result.append(hash..<hashtagEnd)
        }
        return result
    }

    static func matchCashtags(_ b: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let n = b.count
        var p = 0
        let oneInch = Array("1INCH".utf8)
        while let dollar = find(UInt8(ascii: "$"), in: b, from: p) {
            if dollar > 0 {
                let prev = Utf8.previousScalar(b, dollar)
                if hashtagLetter(prev).isLetter || prev == 0x24 {
                    p = dollar + 1
                    continue
                }
            }
            let begin = dollar + 1
            var ptr = begin
            if n - ptr >= 5 && Array(b[ptr..<(ptr + 5)]) == oneInch {
                ptr += 5
            } else {
                while ptr < n && b[ptr] >= 0x41 && b[ptr] <= 0x5A { ptr += 1 }
            }
            var end = ptr
            defer { p = ptr }
            let size = end - begin
            if size < 1 || size > 8 { continue }
            if ptr < n && b[ptr] == UInt8(ascii: "@") {
                var nameEnd = ptr + 1
                while nameEnd < n && isAlnumUnderscore(b[nameEnd]) { nameEnd += 1 }
                let length = nameEnd - ptr - 1
                if length >= 3 && length <= 32 {
                    end = nameEnd
                    ptr = nameEnd
                }
            }
            if end != n {
                let code = Utf8.decode(b, ptr).0
                if hashtagLetter(code).isLetter || code == 0x24 { continue }
            }
            result.append(dollar..<end)
        }
        return result
    }

    // MARK: - Phone numbers

    /// International phone numbers: '+', then 7 to 15 digits in groups separated by single
    /// spaces, hyphens or parentheses, not glued to a word on either side.
    static func matchPhoneNumbers(_ b: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let n = b.count
        var p = 0
        while let plus = find(UInt8(ascii: "+"), in: b, from: p) {
            p = plus + 1
            if plus > 0 {
                let prev = Utf8.previousScalar(b, plus)
                if isWordCharacter(prev) || prev == 0x2B || prev == 0x2D { continue }
            }
            var i = plus + 1
            guard i < n, ASCII.isDigit(b[i]) else { continue }
            var digits = 0
            var lastDigitEnd = i
            var parenOpen = false
            while i < n {
                let c = b[i]
                if ASCII.isDigit(c) {
                    digits += 1
                    i += 1
                    lastDigitEnd = i
                    continue
                }
                // A separator must sit between digits (a parenthesis may follow a space).
                let next = i + 1 < n ? b[i + 1] : 0
                if c == UInt8(ascii: "(") && !parenOpen
                    && (ASCII.isDigit(next)) && (i == lastDigitEnd || b[i - 1] == UInt8(ascii: " "))
                {
                    parenOpen = true
                    i += 1
                    continue
                }
                if c == UInt8(ascii: ")") && parenOpen && i == lastDigitEnd {
                    parenOpen = false
                    i += 1
                    if i < n && (b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "-")),
                        i + 1 < n, ASCII.isDigit(b[i + 1])
                    {
                        i += 1
                    }
                    continue
                }
                if (c == UInt8(ascii: " ") || c == UInt8(ascii: "-")) && i == lastDigitEnd
                    && (ASCII.isDigit(next) || (next == UInt8(ascii: "(") && !parenOpen))
                {
                    i += 1
                    continue
                }
                break
            }
            p = max(p, lastDigitEnd)
            if parenOpen || digits < 7 || digits > 15 { continue }
            if lastDigitEnd < n && isWordCharacter(Utf8.decode(b, lastDigitEnd).0) { continue }
            result.append(plus..<lastDigitEnd)
        }
        return result
    }

    // MARK: - Bank cards

    static func matchBankCardNumbers(_ b: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let n = b.count
        var ptr = 0
        func isCardByte(_ c: UInt8) -> Bool {
            ASCII.isDigit(c) || c == UInt8(ascii: " ") || c == UInt8(ascii: "-")
        }
        while true {
            while ptr < n && !ASCII.isDigit(b[ptr]) { ptr += 1 }
            if ptr == n { break }
            if ptr > 0 {
                let prev = Utf8.previousScalar(b, ptr)
                if prev == 0x2E || prev == 0x2C || prev == 0x2B || prev == 0x2D || prev == 0x5F
                    || SimpleCategory.of(prev) == .letter
                {
                    while ptr < n && isCardByte(b[ptr]) { ptr += 1 }
                    continue
                }
            }
            let begin = ptr
            var digitCount = 0
            while ptr < n && isCardByte(b[ptr]) {
                if b[ptr] == UInt8(ascii: " ") && digitCount >= 16 && digitCount <= 19
                    && digitCount == ptr - begin
                {
                    break  // a continuous card number followed by a space
                }
                if ASCII.isDigit(b[ptr]) { digitCount += 1 }
                ptr += 1
            }
            if digitCount < 13 || digitCount > 19 { continue }
            var end = ptr
            while !ASCII.isDigit(b[end - 1]) { end -= 1 }
            if end - begin > 2 * digitCount - 1 { continue }
            if end != n {
                let next = Utf8.decode(b, end).0
                if next == 0x2D || next == 0x5F || SimpleCategory.of(next) == .letter { continue }
            }
            result.append(begin..<end)
        }
        return result
    }

    static func isValidBankCard(_ s: ArraySlice<UInt8>) -> Bool {
        let digits = s.filter(ASCII.isDigit).map { Int($0 - 0x30) }
        let count = digits.count
        var sum = 0
        for i in stride(from: count, to: 0, by: -1) {
            let digit = digits[i - 1]
            if (count - i) % 2 == 0 {
                sum += digit
            } else {
                sum += digit < 5 ? 2 * digit : 2 * digit - 9
            }
        }
        if sum % 10 != 0 { return false }
        let p1 = digits[0]
        let p2 = p1 * 10 + digits[1]
        let p4 = (p2 * 10 + digits[2]) * 10 + digits[3]
        if p1 == 4 { return [13, 16, 18, 19].contains(count) }  // Visa
        if (51...55).contains(p2) || (2221...2720).contains(p4) { return count == 16 }  // Mastercard
        if p2 == 34 || p2 == 37 { return count == 15 }  // American Express
        if p2 == 62 || p2 == 81 { return count >= 16 }  // UnionPay
        if (2200...2204).contains(p4) { return count == 16 }  // MIR
        return true
    }

    // MARK: - URLs

    static func isURLUnicodeSymbol(_ c: UInt32) -> Bool {
        if c >= 0x2000 && c <= 0x206F {  // General Punctuation
            // zero-width non-joiner/joiner and dashes belong to URLs; other punctuation ends them
            return c == 0x200C || c == 0x200D || (0x2010...0x2015).contains(c)
        }
        return SimpleCategory.of(c) != .separator
    }

    static func isURLPathSymbol(_ c: UInt32) -> Bool {
        switch c {
        case 0x0A, 0x3C, 0x3E, 0x22, 0xAB, 0xBB: false  // \n < > " « »
        default: isURLUnicodeSymbol(c)
        }
    }

    /// Punctuation that ends a sentence rather than a link: `.:;,('?!` and backquote.
    @inline(__always)
    static func isBadPathEnd(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "("),
            UInt8(ascii: "'"), UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "`"):
            true
        default: false
        }
    }

    static func matchTgURLs(_ b: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let n = b.count
        var ptr = 0
        while n - ptr > 5 {
            guard let colon = find(UInt8(ascii: ":"), in: b, from: ptr) else { break }
            ptr = colon
            var urlBegin = -1
            if n - ptr >= 3 && b[ptr + 1] == UInt8(ascii: "/") && b[ptr + 2] == UInt8(ascii: "/") {
                func isLower(_ k: Int, _ ch: Character) -> Bool { ASCII.lower(b[ptr - k]) == ch.asciiValue! }
                if ptr >= 2 && isLower(2, "t") && isLower(1, "g") {
                    urlBegin = ptr - 2
                } else if ptr >= 3 && isLower(3, "t") && isLower(2, "o") && isLower(1, "n") {
                    urlBegin = ptr - 3
                } else if ptr >= 7 && isLower(7, "t") && isLower(6, "o") && isLower(5, "n")
                    && isLower(4, "s") && isLower(3, "i") && isLower(2, "t") && isLower(1, "e")
                {
                    urlBegin = ptr - 3  // sic: TDLib starts the match here
                }
            }
            if urlBegin < 0 {
                ptr += 1
                continue
            }
            ptr += 3
            let domainBegin = ptr
            while ptr < n && ptr - domainBegin != 253 && isAlnumUnderscoreMinus(UInt32(b[ptr])) { ptr += 1 }
            if ptr == domainBegin { continue }
            if ptr < n && (b[ptr] == UInt8(ascii: "/") || b[ptr] == UInt8(ascii: "?") || b[ptr] == UInt8(ascii: "#")) {
                var pathEnd = ptr + 1
                while pathEnd < n {
                    let (code, next) = Utf8.decode(b, pathEnd)
                    if !isURLPathSymbol(code) { break }
                    pathEnd = next
                }
                while pathEnd > ptr + 1 && isBadPathEnd(b[pathEnd - 1]) { pathEnd -= 1 }
                if b[ptr] == UInt8(ascii: "/") || pathEnd > ptr + 1 { ptr = pathEnd }
            }
            result.append(urlBegin..<ptr)
        }
        return result
    }

    static func isProtocolSymbol(_ c: UInt32) -> Bool {
        if c < 0x80 {
            // dots are not allowed in a protocol
            return ASCII.isAlnum(UInt8(c)) || c == 0x2B || c == 0x2D
        }
        // letters of other scripts are taken in so that the protocol is rejected later
        return SimpleCategory.of(c) != .separator
    }

    static func isUserDataSymbol(_ c: UInt32) -> Bool {
        switch c {
        case 0x0A, 0x2F, 0x5B, 0x5D, 0x7B, 0x7D, 0x28, 0x29, 0x27, 0x60, 0x3C, 0x3E, 0x22, 0x40,
            0xAB, 0xBB:
            false
        default: isURLUnicodeSymbol(c)
        }
    }

    static func isDomainSymbol(_ c: UInt32) -> Bool {
        if c < 0xC0 {
            return c == 0x2E || isAlnumUnderscoreMinus(c) || c == 0x7E
        }
        return isURLUnicodeSymbol(c)
    }

    /// TDLib's `match_urls`: candidate links and e-mail addresses around every '.'.
    static func matchURLs(_ b: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let n = b.count
        var base = 0
        while true {
            guard let dot = find(UInt8(ascii: "."), in: b, from: base) else { break }
            if dot + 1 == n { break }
            if b[dot + 1] == UInt8(ascii: " ") {
                base = dot + 2  // fast path: a sentence end
                continue
            }

            var domainBegin = dot
            while domainBegin != base {
                let prev = Utf8.previousStart(b, domainBegin)
                if !isDomainSymbol(Utf8.decode(b, prev).0) { break }
                domainBegin = prev
            }

            var lastAt = -1
            var domainEnd = dot
            while domainEnd != n {
                let (code, next) = Utf8.decode(b, domainEnd)
                if code == 0x40 {
                    lastAt = domainEnd
                } else if !isDomainSymbol(code) {
                    break
                }
                domainEnd = next
            }

            if lastAt >= 0 {
                while domainBegin != base {
                    let prev = Utf8.previousStart(b, domainBegin)
                    if !isUserDataSymbol(Utf8.decode(b, prev).0) { break }
                    domainBegin = prev
                }
            }

            var urlEnd = domainEnd
            if urlEnd != n && b[urlEnd] == UInt8(ascii: ":") {
                var portEnd = urlEnd + 1
                while portEnd != n && ASCII.isDigit(b[portEnd]) { portEnd += 1 }
                var portBegin = urlEnd + 1
                while portBegin != portEnd && b[portBegin] == UInt8(ascii: "0") { portBegin += 1 }
                if portBegin != portEnd && portEnd - portBegin <= 5
                    && lenientInteger(b[portBegin..<portEnd]) <= 65535
                {
                    urlEnd = portEnd
                }
            }

            if urlEnd != n
                && (b[urlEnd] == UInt8(ascii: "/") || b[urlEnd] == UInt8(ascii: "?") || b[urlEnd] == UInt8(ascii: "#"))
            {
                var pathEnd = urlEnd + 1
                while pathEnd != n {
                    let (code, next) = Utf8.decode(b, pathEnd)
                    if !isURLPathSymbol(code) { break }
                    pathEnd = next
                }
                while pathEnd > urlEnd + 1 && isBadPathEnd(b[pathEnd - 1]) { pathEnd -= 1 }
                if b[urlEnd] == UInt8(ascii: "/") || pathEnd > urlEnd + 1 { urlEnd = pathEnd }
            }
            while urlEnd > dot + 1 && b[urlEnd - 1] == UInt8(ascii: ".") { urlEnd -= 1 }

            var isBad = false
            var urlBegin = domainBegin
            if urlBegin != base && b[urlBegin - 1] == UInt8(ascii: "@") {
                if lastAt >= 0 { isBad = true }
                var userDataBegin = urlBegin - 1
                while userDataBegin != base {
                    let prev = Utf8.previousStart(b, userDataBegin)
                    if !isUserDataSymbol(Utf8.decode(b, prev).0) { break }
                    userDataBegin = prev
                }
                if userDataBegin == urlBegin - 1 { isBad = true }
                urlBegin = userDataBegin
            }

            if urlBegin != base {
                let prefixLength = urlBegin - base
                if prefixLength >= 6 && b[urlBegin - 3] == UInt8(ascii: ":")
                    && b[urlBegin - 2] == UInt8(ascii: "/") && b[urlBegin - 1] == UInt8(ascii: "/")
                {
                    var protocolBegin = urlBegin - 3
                    while protocolBegin != base {
                        let prev = Utf8.previousStart(b, protocolBegin)
                        if !isProtocolSymbol(Utf8.decode(b, prev).0) { break }
                        protocolBegin = prev
                    }
                    let proto = UTF8Lower.asciiLowered(b[protocolBegin..<(urlBegin - 3)])
                    if proto.hasSuffix("http") && proto != "shttp" {
                        urlBegin -= 7
                    } else if proto.hasSuffix("https") {
                        urlBegin -= 8
                    } else if proto.hasSuffix("ftp") && proto != "tftp" && proto != "sftp" {
                        urlBegin -= 6
                    } else if proto.hasSuffix("tonsite") {
                        urlBegin -= 10
                    } else {
                        isBad = true
                    }
                } else {
                    let code = Utf8.previousScalar(b, urlBegin)
                    if isWordCharacter(code) || code == 0x2F || code == 0x23 || code == 0x40 {
                        isBad = true
                    }
                }
            }

            if !isBad {
                if urlEnd > dot + 1 { result.append(urlBegin..<urlEnd) }
                while urlEnd != n && b[urlEnd] == UInt8(ascii: ".") { urlEnd += 1 }
            } else {
                while b[urlEnd - 1] != UInt8(ascii: ".") { urlEnd -= 1 }
            }
            if urlEnd <= dot { urlEnd = dot + 1 }
            base = urlEnd
        }
        return result
    }

    /// TDLib's `find_urls`: e-mail addresses (flag true) and checked links (flag false).
    static func findURLs(_ b: [UInt8]) -> [(Range<Int>, Bool)] {
        var result: [(Range<Int>, Bool)] = []
        for r in matchURLs(b) {
            let s = b[r]
            if isEmailAddress(s) {
                result.append((r, true))
            } else if s.starts(with: "mailto:".utf8), isEmailAddress(b[(r.lowerBound + 7)..<r.upperBound]) {
                result.append(((r.lowerBound + 7)..<r.upperBound, true))
            } else if let fixed = fixURL(b, r) {
                result.append((fixed, false))
            }
        }
        return result
    }

    /// TDLib's `is_email_address`:
    /// `([a-z0-9_-]{0,26}[.+]){0,10}[a-z0-9_-]{1,35}@(([a-z0-9][a-z0-9_-]{0,28})?[a-z0-9][.]){1,6}[a-z]{2,8}`.
    static func isEmailAddress(_ s: ArraySlice<UInt8>) -> Bool {
        guard let at = s.firstIndex(of: UInt8(ascii: "@")) else { return false }
        let user = s[s.startIndex..<at]
        let domain = s[(at + 1)...]
        if domain.isEmpty { return false }

        var prev = user.startIndex
        var parts = 0
        for i in user.indices {
            let c = user[i]
            if c == UInt8(ascii: ".") || c == UInt8(ascii: "+") {
                if i - prev >= 27 { return false }
                parts += 1
                prev = i + 1
            } else if !isAlnumUnderscoreMinus(UInt32(c)) {
                return false
            }
        }
        parts += 1
        if parts >= 12 { return false }
        let lastPart = user.endIndex - prev
        if lastPart == 0 || lastPart >= 36 { return false }

        let domainParts = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if domainParts.count <= 1 || domainParts.count > 7 { return false }
        let tld = domainParts[domainParts.count - 1]
        if tld.count <= 1 || tld.count >= 9 { return false }
        if !tld.allSatisfy(ASCII.isAlpha) { return false }
        for part in domainParts.dropLast() {
            if part.isEmpty || part.count >= 31 { return false }
            if !part.allSatisfy({ isAlnumUnderscoreMinus(UInt32($0)) }) { return false }
            if !ASCII.isAlnum(part[part.startIndex]) || !ASCII.isAlnum(part[part.endIndex - 1]) {
                return false
            }
        }
        return true
    }

    /// TDLib's `is_common_tld`: a known TLD, in lower case or fully upper-cased ("COM", not
    /// "Com", which is more likely a sentence than a link).
    static func isCommonTLD(_ tld: ArraySlice<UInt8>) -> Bool {
        if tld.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) {
            return CommonTLDs.all.contains(Utf8.string(tld))
        }
        let original = Utf8.string(tld)
        let lowered = original.lowercased()
        if lowered != original && lowered.unicodeScalars.dropFirst().elementsEqual(original.unicodeScalars.dropFirst()) {
            return false
        }
        return CommonTLDs.all.contains(lowered)
    }

    /// TDLib's `fix_url`: trims unbalanced brackets and trailing punctuation from a candidate
    /// link and checks its host; nil when it is no link.
    static func fixURL(_ b: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        var start = range.lowerBound
        let fullStart = range.lowerBound
        let fullEnd = range.upperBound
        var hasProtocol = false
        let head = UTF8Lower.asciiLowered(b[start..<min(fullEnd, start + 10)])
        if head.hasPrefix("http://") || head.hasPrefix("https://") || head.hasPrefix("ftp://")
            || head.hasPrefix("tonsite://")
        {
            let colon = b[start..<fullEnd].firstIndex(of: UInt8(ascii: ":"))!
            start = colon + 3
            hasProtocol = true
        }
        var domainEnd = fullEnd
        for i in start..<fullEnd {
            let c = b[i]
            if c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: "#") {
                domainEnd = i
                break
            }
        }
        var domainStart = start
        if let at = b[start..<domainEnd].firstIndex(of: UInt8(ascii: "@")) {
            domainStart = at + 1
        }
        var domainStop = domainEnd
        if let colon = b[domainStart..<domainEnd].lastIndex(of: UInt8(ascii: ":")) {
            domainStop = colon
        }
        let domain = b[domainStart..<domainStop]

        if domain.count == 12 && (domain.first == UInt8(ascii: "t") || domain.first == UInt8(ascii: "T")) {
            if UTF8Lower.asciiLowered(domain) == "teiegram.org" { return nil }
        }

        // Cut the path at the first unbalanced closing bracket, then drop trailing punctuation.
        var balance = (0, 0, 0)
        var pathPos = domainEnd
        while pathPos < fullEnd {
            switch b[pathPos] {
            case UInt8(ascii: "("): balance.0 += 1
            case UInt8(ascii: "["): balance.1 += 1
            case UInt8(ascii: "{"): balance.2 += 1
            case UInt8(ascii: ")"): balance.0 -= 1
            case UInt8(ascii: "]"): balance.1 -= 1
            case UInt8(ascii: "}"): balance.2 -= 1
            default: break
            }
            if balance.0 < 0 || balance.1 < 0 || balance.2 < 0 { break }
            pathPos += 1
        }
        while pathPos > domainEnd && isBadPathEnd(b[pathPos - 1]) { pathPos -= 1 }
        let result = fullStart..<pathPos

        var prev = domain.startIndex
        var partCount = 0
        var hasNonDigit = false
        var isIPv4 = true
        var i = domain.startIndex
        while i <= domain.endIndex {
            if i == domain.endIndex || domain[i] == UInt8(ascii: ".") {
                let partSize = i - prev
                if partSize == 0 || partSize >= 64 || domain[i - 1] == UInt8(ascii: "-") { return nil }
                if isIPv4 {
                    if partSize > 3 { isIPv4 = false }
                    let d0 = domain[prev]
                    if partSize == 3
                        && (d0 >= UInt8(ascii: "3")
                            || (d0 == UInt8(ascii: "2")
                                && (domain[prev + 1] >= UInt8(ascii: "6")
                                    || (domain[prev + 1] == UInt8(ascii: "5") && domain[prev + 2] >= UInt8(ascii: "6")))))
                    {
                        isIPv4 = false
                    }
                    if d0 == UInt8(ascii: "0") && partSize >= 2 { isIPv4 = false }
                }
                partCount += 1
                if i != domain.endIndex { prev = i + 1 }
            } else if !ASCII.isDigit(domain[i]) {
                isIPv4 = false
                hasNonDigit = true
            }
            i += 1
        }
        if partCount == 1 { return nil }
        if isIPv4 && partCount == 4 { return result }
        if !hasNonDigit { return nil }

        let tld = domain[prev..<domain.endIndex]
        if Utf8.string(tld).unicodeScalars.count <= 1 { return nil }
        if tld.starts(with: "xn--".utf8) {
            if tld.count <= 5 { return nil }
            if !tld.dropFirst(4).allSatisfy(ASCII.isAlnum) { return nil }
        } else {
            if tld.contains(UInt8(ascii: "_")) || tld.contains(UInt8(ascii: "-")) { return nil }
            if !hasProtocol && !isCommonTLD(tld) { return nil }
        }
        // The second-level label may not contain '_'.
        var k = prev - 1
        while k > domain.startIndex {
            k -= 1
            if domain[k] == UInt8(ascii: "_") { return nil }
            if domain[k] == UInt8(ascii: ".") { break }
        }
        return result
    }

    // MARK: - Helpers shared with the normaliser

    /// Keeps the first of every group of intersecting (or nested) entities in sorted order.
    static func removeIntersecting(_ entities: [Entity]) -> [Entity] {
        var result: [Entity] = []
        result.reserveCapacity(entities.count)
        var lastEnd = 0
        for e in entities where e.offset >= lastEnd {
            lastEnd = e.end
            result.append(e)
        }
        return result
    }

    /// Converts sorted, non-intersecting entities from byte offsets to UTF-16 offsets.
    static func convertByteOffsetsToUTF16(_ b: [UInt8], _ entities: inout [Entity]) {
        var bytePos = 0
        var utf16Pos = 0
        func advance(to target: Int) {
            while bytePos < target {
                let c = b[bytePos]
                if Utf8.isFirstByte(c) { utf16Pos += Utf8.utf16Width(c) }
                bytePos += 1
            }
        }
        for i in entities.indices {
            let begin = entities[i].offset
            let end = entities[i].end
            advance(to: begin)
            let start16 = utf16Pos
            advance(to: end)
            entities[i].offset = start16
            entities[i].length = utf16Pos - start16
        }
    }
}

enum UTF8Lower {
    /// ASCII-lower-cased text of a byte range (non-ASCII bytes kept).
    static func asciiLowered(_ b: ArraySlice<UInt8>) -> String {
        Utf8.string(b.map(ASCII.lower))
    }
}
