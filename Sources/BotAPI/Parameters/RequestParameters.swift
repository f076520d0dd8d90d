import Foundation

/// Turns the query string and body of an HTTP request into ``Parameters``, the way the
/// official server does (behaviour.md §1.5): the query string first, then the body chosen by
/// a case-insensitive substring match on `Content-Type`.
///
/// This is the only place request bytes become parameters, for every surface (the server)
/// and for method calls answered in webhook responses (webhook delivery): it lives here, in
/// the wire vocabulary both of them share.
public enum RequestParameters {
    /// Why a body could not be read at all. The official server answers such requests with a
    /// bare HTTP error; we answer 400 with a JSON envelope so clients get a description.
    public struct MalformedBody: Error { public let reason: String }

    /// Parses `query` (without `?`) and `body` into parameters.
    public static func parse(query: Substring?, contentType: String?, body: [UInt8]) throws(MalformedBody) -> Parameters {
        var parameters = Parameters()
        if let query, !query.isEmpty { appendURLEncoded(Array(query.utf8), to: &parameters) }
        guard !body.isEmpty else { return parameters }
        // Compared as ASCII bytes: `String.contains` goes through Foundation's locale-aware
        // search, a measurable share of a call's CPU (BENCHMARKS.md, third round).
        let type = Array((contentType?.lowercased() ?? "").utf8)
        if Self.contains(type, "multipart/form-data") {
            guard let boundary = boundary(in: contentType ?? "") else { throw MalformedBody(reason: "boundary not found") }
            try Multipart.parse(body, boundary: boundary, into: &parameters)
        } else if Self.contains(type, "application/x-www-form-urlencoded") {
            appendURLEncoded(body, to: &parameters)
        } else if Self.contains(type, "application/json") {
            appendJSON(body, to: &parameters)
        } else {
            // Any other body is an upload named `file`, usable as `attach://file`.
            parameters.append(file: UploadedFile(fieldName: "file", filename: "", contentType: contentType, data: Data(body)))
        }
        return parameters
    }

    /// Whether the bytes of `text` hold those of `word` anywhere.
    private static func contains(_ text: [UInt8], _ word: StaticString) -> Bool {
        word.withUTF8Buffer { word in
            guard word.count <= text.count else { return false }
            return (0...(text.count - word.count)).contains { start in text[start ..< start + word.count].elementsEqual(word) }
        }
    }

    // MARK: URL-encoded

    /// `a=b&c=d`, percent-decoded, `+` as space; a pair without `=` has an empty value.
    static func appendURLEncoded(_ bytes: [UInt8], to parameters: inout Parameters) {
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let eq = pair.firstIndex(of: UInt8(ascii: "=")) {
                parameters.append(percentDecode(pair[pair.startIndex..<eq], plusIsSpace: true),
                                  percentDecode(pair[(eq + 1)...], plusIsSpace: true))
            } else {
                parameters.append(percentDecode(pair[...], plusIsSpace: true), "")
            }
        }
    }

    /// Decodes `%XX` escapes (and `+` when asked); malformed escapes are kept literally.
    public static func percentDecode(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool) -> String {
        guard bytes.contains(UInt8(ascii: "%")) || (plusIsSpace && bytes.contains(UInt8(ascii: "+"))) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%"), i + 2 < bytes.endIndex,
               let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2])
            {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    // MARK: JSON

    /// A JSON object body: string members become their decoded text, every other member its
    /// raw JSON text (so nested objects are re-parsed like form-encoded JSON strings), except
    /// `null`, which is treated as absent. A single JSON string becomes `content`. Malformed
    /// bodies are not rejected: the members read before the error are kept.
    static func appendJSON(_ body: [UInt8], to parameters: inout Parameters) {
        var scanner = JSONScanner(bytes: body)
        scanner.skipWhitespace()
        if scanner.peek == UInt8(ascii: "\"") {
            if let value = scanner.readString() { parameters.append("content", value) }
            return
        }
        guard scanner.consume(UInt8(ascii: "{")) else { return }
        scanner.skipWhitespace()
        if scanner.consume(UInt8(ascii: "}")) { return }
        while true {
            scanner.skipWhitespace()
            guard let name = scanner.readString() else { return }
            scanner.skipWhitespace()
            guard scanner.consume(UInt8(ascii: ":")) else { return }
            scanner.skipWhitespace()
            if scanner.peek == UInt8(ascii: "\"") {
                guard let value = scanner.readString() else { return }
                parameters.append(name, value)
            } else {
                guard let range = scanner.skipValue() else { return }
                let raw = String(decoding: body[range], as: UTF8.self)
                if raw != "null" { parameters.append(name, raw) }
            }
            scanner.skipWhitespace()
            if scanner.consume(UInt8(ascii: ",")) { continue }
            return
        }
    }

    // MARK: Multipart

    static func boundary(in contentType: String) -> String? {
        for piece in contentType.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix("boundary=") else { continue }
            var value = String(trimmed.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }
}

/// A small, lenient `multipart/form-data` reader: quoted or unquoted `name` and `filename`
/// attributes, parts with or without their own `Content-Type`, CRLF or bare LF line ends.
enum Multipart {
    static func parse(_ body: [UInt8], boundary: String, into parameters: inout Parameters) throws(RequestParameters.MalformedBody) {
        let delimiter = Array(("--" + boundary).utf8)
        guard var position = find(delimiter, in: body, from: 0) else {
            throw .init(reason: "boundary not found in the body")
        }
        while true {
            position += delimiter.count
            // `--` after a delimiter closes the body.
            if position + 1 < body.count, body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") { return }
            position = skipLineEnd(body, position)
            guard let headerEnd = findHeaderEnd(body, from: position) else { throw .init(reason: "unterminated part headers") }
            let headers = String(decoding: body[position..<headerEnd.start], as: UTF8.self)
            let contentStart = headerEnd.end
            guard let next = find(delimiter, in: body, from: contentStart) else { throw .init(reason: "unterminated part") }
            var contentEnd = next
            if contentEnd > contentStart, body[contentEnd - 1] == UInt8(ascii: "\n") { contentEnd -= 1 }
            if contentEnd > contentStart, body[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            try appendPart(headers: headers, content: body[contentStart..<contentEnd], to: &parameters)
            position = next
        }
    }

    private static func appendPart(headers: String, content: ArraySlice<UInt8>, to parameters: inout Parameters) throws(RequestParameters.MalformedBody) {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in headers.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if field == "content-disposition" {
                let attributes = dispositionAttributes(value)
                name = attributes["name"]
                filename = attributes["filename"]
            } else if field == "content-type" {
                contentType = value
            }
        }
        guard let name else { throw .init(reason: "field name in multipart/form-data not found") }
        let decodedName = RequestParameters.percentDecode(ArraySlice(name.utf8), plusIsSpace: false)
        if let filename {
            let decodedFilename = RequestParameters.percentDecode(ArraySlice(filename.utf8), plusIsSpace: false)
            parameters.append(file: UploadedFile(fieldName: decodedName, filename: decodedFilename, contentType: contentType, data: Data(content)))
        } else if contentType?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            RequestParameters.appendURLEncoded(Array(content), to: &parameters)
        } else {
            parameters.append(decodedName, String(decoding: content, as: UTF8.self))
        }
    }

    /// `form-data; name="a"; filename=b.png` → `["name": "a", "filename": "b.png"]`.
    static func dispositionAttributes(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(value)
        // Skip the disposition type.
        if let semicolon = rest.firstIndex(of: ";") { rest = rest[rest.index(after: semicolon)...] } else { return result }
        while !rest.isEmpty {
            rest = rest.drop(while: { $0 == " " || $0 == "\t" || $0 == ";" })
            guard let eq = rest.firstIndex(of: "=") else { break }
            let key = rest[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: eq)...].drop(while: { $0 == " " })
            var attributeValue = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                var end = rest.endIndex
                for index in rest.indices {
                    let c = rest[index]
                    if escaped { attributeValue.append(c); escaped = false; continue }
                    if c == "\\" { escaped = true; continue }
                    if c == "\"" { end = index; break }
                    attributeValue.append(c)
                }
                rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                attributeValue = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            if result[key] == nil { result[key] = attributeValue }
        }
        return result
    }

    private static func skipLineEnd(_ body: [UInt8], _ position: Int) -> Int {
        var p = position
        while p < body.count, body[p] == UInt8(ascii: " ") || body[p] == UInt8(ascii: "\t") { p += 1 }
        if p < body.count, body[p] == UInt8(ascii: "\r") { p += 1 }
        if p < body.count, body[p] == UInt8(ascii: "\n") { p += 1 }
        return p
    }

    private static func findHeaderEnd(_ body: [UInt8], from start: Int) -> (start: Int, end: Int)? {
        var i = start
        // A part with no headers at all starts with an empty line.
        while i < body.count {
            if body[i] == UInt8(ascii: "\n") {
                let lineStart = i + 1
                if lineStart < body.count, body[lineStart] == UInt8(ascii: "\n") { return (i, lineStart + 1) }
                if lineStart + 1 < body.count, body[lineStart] == UInt8(ascii: "\r"), body[lineStart + 1] == UInt8(ascii: "\n") {
                    return (i, lineStart + 2)
                }
            }
            i += 1
        }
        return nil
    }

    /// The first occurrence of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

/// Just enough of a JSON reader to split a request body's top-level object into members
/// without building a tree: strings are decoded, other values are skipped over and kept raw.
struct JSONScanner {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    /// Reads a JSON string at the cursor, decoding escapes.
    mutating func readString() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        var out = [UInt8]()
        while let b = peek {
            index += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let e = peek else { return nil }
                index += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard var scalar = readHex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar), peek == UInt8(ascii: "\\"),
                       index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        guard let low = readHex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: out.append(e)
                }
            default:
                out.append(b)
            }
        }
        return nil
    }

    private mutating func readHex4() -> UInt32? {
        guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
            return nil
        }
        index += 4
        return value
    }

    /// Skips one value (object, array, string, number, literal) and returns its byte range.
    mutating func skipValue() -> Range<Int>? {
        let start = index
        var depth = 0
        while let b = peek {
            switch b {
            case UInt8(ascii: "\""):
                guard readString() != nil else { return nil }
                if depth == 0 { return start..<index }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return start < index ? start..<index : nil }
                depth -= 1
                if depth == 0 { index += 1; return start..<index }
            case UInt8(ascii: ","):
                if depth == 0 { return start < index ? start..<index : nil }
            case 0x20, 0x0A, 0x0D, 0x09:
                if depth == 0 { return start < index ? start..<index : nil }
            default: break
            }
            index += 1
        }
        return depth == 0 && start < index ? start..<index : nil
    }
}
