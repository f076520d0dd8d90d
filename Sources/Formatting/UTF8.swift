// Byte-level helpers. Every parser here walks UTF-8 bytes, as TDLib does, so that error byte
// offsets match the official server and no `Character` (grapheme) work happens in hot loops.

/// A read-only byte view with C-string semantics: reading past the end yields 0, which lets the
/// parsers look ahead (`at(i + 2)`) the way TDLib reads its NUL-terminated `std::string`.
struct Bytes {
    let storage: [UInt8]

    init(_ string: String) {
        storage = Array(string.utf8)
    }

    init(_ bytes: [UInt8]) {
        storage = bytes
    }

    var count: Int { storage.count }

    @inline(__always)
    func at(_ i: Int) -> UInt8 {
        i < storage.count ? storage[i] : 0
    }

    @inline(__always)
    subscript(_ i: Int) -> UInt8 { storage[i] }
}

enum Utf8 {
    /// True for every byte that starts a character (not a 10xxxxxx continuation byte).
    @inline(__always)
    static func isFirstByte(_ byte: UInt8) -> Bool {
        byte & 0xC0 != 0x80
    }

    /// UTF-16 units of the character that begins with `byte`: 2 for 4-byte sequences.
    @inline(__always)
    static func utf16Width(_ byte: UInt8) -> Int {
        byte >= 0xF0 ? 2 : 1
    }

    /// Decodes the scalar starting at `i`; returns it and the index after it. Tolerates
    /// malformed input (returns the lead byte) so that it never traps.
    @inline(__always)
    static func decode(_ b: [UInt8], _ i: Int) -> (UInt32, Int) {
        let c0 = UInt32(b[i])
        let n = b.count
        if c0 < 0x80 { return (c0, i + 1) }
        if c0 >= 0xF0, i + 3 < n {
            let v =
                ((c0 & 0x07) << 18) | ((UInt32(b[i + 1]) & 0x3F) << 12)
                | ((UInt32(b[i + 2]) & 0x3F) << 6) | (UInt32(b[i + 3]) & 0x3F)
            return (v, i + 4)
        }
        if c0 >= 0xE0, i + 2 < n {
            let v = ((c0 & 0x0F) << 12) | ((UInt32(b[i + 1]) & 0x3F) << 6) | (UInt32(b[i + 2]) & 0x3F)
            return (v, i + 3)
        }
        if c0 >= 0xC0, i + 1 < n {
            return (((c0 & 0x1F) << 6) | (UInt32(b[i + 1]) & 0x3F), i + 2)
        }
        return (c0, i + 1)
    }

    /// Index of the first byte of the character that ends just before `i`.
    @inline(__always)
    static func previousStart(_ b: [UInt8], _ i: Int) -> Int {
        var j = i - 1
        while j > 0 && !isFirstByte(b[j]) { j -= 1 }
        return j
    }

    /// The scalar that ends just before `i` (i > 0).
    @inline(__always)
    static func previousScalar(_ b: [UInt8], _ i: Int) -> UInt32 {
        decode(b, previousStart(b, i)).0
    }

    /// Appends `code` encoded as UTF-8. Surrogate code points are encoded as TDLib does
    /// (3 bytes, invalid UTF-8); callers must reject such text afterwards.
    static func append(_ code: UInt32, to out: inout [UInt8]) {
        if code < 0x80 {
            out.append(UInt8(code))
        } else if code < 0x800 {
            out.append(UInt8(0xC0 | (code >> 6)))
            out.append(UInt8(0x80 | (code & 0x3F)))
        } else if code < 0x10000 {
            out.append(UInt8(0xE0 | (code >> 12)))
            out.append(UInt8(0x80 | ((code >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (code & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (code >> 18)))
            out.append(UInt8(0x80 | ((code >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((code >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (code & 0x3F)))
        }
    }

    /// UTF-16 length of a byte range.
    static func utf16Length(_ b: [UInt8], from: Int = 0, to: Int? = nil) -> Int {
        let end = to ?? b.count
        var n = 0
        var i = from
        while i < end {
            let c = b[i]
            if isFirstByte(c) { n += utf16Width(c) }
            i += 1
        }
        return n
    }

    static func string(_ b: [UInt8]) -> String {
        String(decoding: b, as: Unicode.UTF8.self)
    }

    static func string(_ b: ArraySlice<UInt8>) -> String {
        String(decoding: b, as: Unicode.UTF8.self)
    }
}

/// TDLib's coarse Unicode categories, which decide word boundaries for mentions, hashtags and
/// URLs.
enum SimpleCategory {
    case letter, decimalNumber, number, separator, other

    static func of(_ c: UInt32) -> SimpleCategory {
        if c < 0x80 {
            if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) { return .letter }
            if c >= 0x30 && c <= 0x39 { return .decimalNumber }
            if c == 0x20 { return .separator }
            return .other
        }
        guard let scalar = Unicode.Scalar(c) else { return .other }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            // Combining marks are part of words in Indic and other scripts.
            .nonspacingMark, .spacingMark, .enclosingMark:
            return .letter
        case .decimalNumber: return .decimalNumber
        case .letterNumber, .otherNumber: return .number
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return .separator
        default: return .other
        }
    }
}

enum ASCII {
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
    }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isAlpha(c) }
    @inline(__always) static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)
    }
    @inline(__always) static func hexValue(_ c: UInt8) -> UInt32 {
        isDigit(c) ? UInt32(c - 0x30) : UInt32((c | 0x20) - 0x61 + 10)
    }
    /// TDLib's `is_space`, which counts NUL as space (its strings are NUL-terminated).
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A || c == 0 || c == 0x0B
    }
    @inline(__always) static func lower(_ c: UInt8) -> UInt8 {
        c >= 0x41 && c <= 0x5A ? c | 0x20 : c
    }
    static func lowered(_ b: ArraySlice<UInt8>) -> [UInt8] { b.map(lower) }

    /// True when `b[from...]` starts with the lower-case ASCII `prefix`, ignoring case.
    static func hasPrefixIgnoringCase(_ b: [UInt8], _ from: Int, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        if from + n > b.count { return false }
        return prefix.withUTF8Buffer { p in
            for k in 0..<n where lower(b[from + k]) != p[k] { return false }
            return true
        }
    }
}

/// TDLib's `to_integer<T>`: optional '-', then digits up to the first non-digit; never fails,
/// wraps on overflow.
func lenientInteger(_ s: some Collection<UInt8>) -> Int64 {
    var it = s.makeIterator()
    var negative = false
    var value: UInt64 = 0
    var first = true
    while let c = it.next() {
        if first && c == UInt8(ascii: "-") {
            negative = true
            first = false
            continue
        }
        first = false
        guard ASCII.isDigit(c) else { break }
        value = value &* 10 &+ UInt64(c - 0x30)
    }
    let signed = Int64(bitPattern: value)
    return negative ? 0 &- signed : signed
}

/// TDLib's `to_integer_safe<int64>`: the whole string must be the canonical decimal form of
/// an int64 (no '+', no leading zeros, no "-0").
func strictInt64(_ s: some Collection<UInt8>) -> Int64? {
    let bytes = Array(s)
    guard !bytes.isEmpty else { return nil }
    guard let value = Int64(Utf8.string(bytes)) else { return nil }
    guard Array(String(value).utf8) == bytes else { return nil }
    return value
}
