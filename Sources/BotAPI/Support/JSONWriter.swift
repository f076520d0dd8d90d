import Foundation

/// A value that can write itself as JSON, byte for byte the way the official Bot API server
/// does (see `behaviour.md` §8).
///
/// Every generated type, union and parameter struct conforms; so do `String`, `Int`,
/// `Double`, `Bool` and arrays of writable elements. Conformers write exactly **one** JSON
/// value (object, array or scalar) and let the writer handle separators:
///
/// ```swift
/// extension Point: JSONWritable {
///     func writeJSON(to writer: inout JSONWriter) {
///         writer.beginObject()
///         writer.member("x", x)
///         writer.optionalMember("label", label)   // omitted when nil
///         writer.endObject()
///     }
/// }
/// ```
public protocol JSONWritable {
    /// Appends this value as one JSON value to `writer`.
    func writeJSON(to writer: inout JSONWriter)
}

extension JSONWritable {
    /// The compact JSON encoding of this value (UTF-8; always ASCII unless raw bytes were
    /// spliced in with ``JSONWriter/rawValue(_:)``).
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter(reservingCapacity: 1024)
        writeJSON(to: &writer)
        return writer.bytes
    }

    /// The compact JSON encoding of this value as a `String`.
    public var jsonString: String {
        String(decoding: jsonBytes, as: UTF8.self)
    }
}

/// A small, fast, append-only JSON serializer that reproduces the official server's output.
///
/// Why not `JSONEncoder`? It goes through `Encodable`'s dynamic containers, builds an
/// intermediate tree and cannot produce the official server's quirks. `JSONWriter` appends
/// straight into one byte array and is roughly ten times faster.
///
/// Output rules (the official server's, `td/utils/JsonBuilder`):
/// - compact: no whitespace at all, except the one line break Update objects carry after
///   their `update_id` member (see ``breakLineAfterNextComma()``);
/// - strings escape `"` `\` `\b` `\f` `\n` `\r` `\t`, other control characters as `\u00XX`,
///   and **every non-ASCII character** as `\uXXXX` (lowercase hex, UTF-16 surrogate pairs
///   for characters outside the Basic Multilingual Plane: 😀 → `\ud83d\ude00`); `/` and DEL
///   are written as they are;
/// - doubles in fixed notation with exactly six decimals (`51.509865`, `0.000000`);
/// - members appear in the order they are written: generated code follows the spec's field
///   order and skips `nil` optionals (``optionalMember(_:_:)``), never writing `null`.
///
/// The writer tracks separators itself: call ``key(_:)-(StaticString)`` / ``member(_:_:)``
/// and the value methods in document order and commas appear where JSON needs them. It
/// does not validate nesting; unbalanced `begin`/`end` calls produce invalid JSON.
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8]

    /// Whether the next value or key in the current container must be preceded by a comma.
    private var needsComma = false
    /// Whether the next comma gets a line break after it (the Update quirk).
    private var lineBreakPending = false

    /// Creates an empty writer whose buffer can grow to `capacity` bytes without
    /// reallocating.
    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The JSON written so far, as a `String`.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Structure

    /// Starts a JSON object: `{`.
    public mutating func beginObject() {
        separateValue()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Ends the current JSON object: `}`.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
        lineBreakPending = false
    }

    /// Starts a JSON array: `[`.
    public mutating func beginArray() {
        separateValue()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Ends the current JSON array: `]`.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
        lineBreakPending = false
    }

    /// Writes an object key known at compile time, followed by `:`.
    ///
    /// The key is copied verbatim: it must be plain ASCII without `"` or `\` (every Bot API
    /// field name is). Use ``key(_:)-(String)`` for arbitrary keys.
    public mutating func key(_ name: StaticString) {
        separateKey()
        name.withUTF8Buffer { name in
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: name)
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// Writes an arbitrary object key (escaped like any string), followed by `:`.
    public mutating func key(_ name: String) {
        separateKey()
        appendEscaped(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes `"key":value`.
    @inlinable
    public mutating func member<Value: JSONWritable>(_ key: StaticString, _ value: Value) {
        self.key(key)
        value.writeJSON(to: &self)
    }

    /// Writes `"key":value` when `value` is non-nil; writes nothing for `nil` (the official
    /// server omits absent fields instead of writing `null`).
    @inlinable
    public mutating func optionalMember<Value: JSONWritable>(_ key: StaticString, _ value: Value?) {
        guard let value else { return }
        self.key(key)
        value.writeJSON(to: &self)
    }

    /// Makes the next comma written in this object be followed by a line break.
    ///
    /// The official server writes every Update as `{"update_id":10001,\n"message":{...}}`;
    /// the generated `Update.writeJSON(to:)` calls this right after its `update_id` member.
    /// The request is dropped if the object ends first.
    public mutating func breakLineAfterNextComma() {
        lineBreakPending = true
    }

    // MARK: - Scalars

    /// Writes a JSON value: anything ``JSONWritable``.
    @inlinable
    public mutating func value<Value: JSONWritable>(_ value: Value) {
        value.writeJSON(to: &self)
    }

    /// Writes a string, escaped by the official server's rules.
    public mutating func string(_ value: String) {
        separateValue()
        appendEscaped(value)
        needsComma = true
    }

    /// Writes an integer.
    public mutating func int(_ value: Int) {
        separateValue()
        appendDecimal(value)
        needsComma = true
    }

    /// Writes a double in fixed notation with exactly six decimals, like C's `%.6f`:
    /// `51.509865`, `-0.500000`, `0.000000`. Non-finite values (not representable in JSON)
    /// are written as `0.000000`.
    public mutating func double(_ value: Double) {
        separateValue()
        appendFixed6(value)
        needsComma = true
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separateValue()
        if value {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])  // true
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])  // false
        }
        needsComma = true
    }

    /// Writes `null`. Bot API objects never contain it; it exists for completeness.
    public mutating func null() {
        separateValue()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
        needsComma = true
    }

    /// Splices one pre-encoded JSON value (e.g. a cached message) verbatim.
    ///
    /// The bytes are not checked; they must form exactly one JSON value.
    public mutating func rawValue<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        separateValue()
        self.bytes.append(contentsOf: bytes)
        needsComma = true
    }

    /// Splices one pre-encoded JSON value given as text.
    public mutating func rawValue(_ json: String) {
        rawValue(Array(json.utf8))
    }

    // MARK: - Separators

    private mutating func separateKey() {
        guard needsComma else { return }
        bytes.append(UInt8(ascii: ","))
        if lineBreakPending {
            bytes.append(UInt8(ascii: "\n"))
            lineBreakPending = false
        }
        needsComma = false
    }

    /// Before a value: a comma when the value follows another array element. After a key
    /// `needsComma` is false, so members never get a stray comma.
    private mutating func separateValue() {
        if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
    }

    // MARK: - Encoding primitives

    /// The lowercase hex digit for `nibble` (0…15).
    @inline(__always)
    private static func hexDigit(_ nibble: UInt32) -> UInt8 {
        nibble < 10 ? UInt8(truncatingIfNeeded: 0x30 + nibble) : UInt8(truncatingIfNeeded: 0x57 + nibble)
    }

    /// Appends `"…"` with the official escaping. Runs of plain ASCII are copied in bulk.
    private mutating func appendEscaped(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            let count = utf8.count
            var runStart = 0
            var index = 0
            while index < count {
                let byte = utf8[index]
                if byte >= 0x20 && byte < 0x80 && byte != 0x22 && byte != 0x5C {
                    index += 1
                    continue
                }
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                if byte < 0x80 {
                    appendEscapedASCII(byte)
                    index += 1
                } else {
                    // Decode one scalar of (valid) UTF-8 and write it as UTF-16 escapes.
                    var scalar: UInt32
                    let length: Int
                    if byte < 0xE0 {
                        scalar = UInt32(byte & 0x1F)
                        length = 2
                    } else if byte < 0xF0 {
                        scalar = UInt32(byte & 0x0F)
                        length = 3
                    } else {
                        scalar = UInt32(byte & 0x07)
                        length = 4
                    }
                    var next = index + 1
                    while next < index + length && next < count {
                        scalar = scalar << 6 | UInt32(utf8[next] & 0x3F)
                        next += 1
                    }
                    if scalar >= 0x10000 {
                        let offset = scalar - 0x10000
                        appendUnicodeEscape(0xD800 + (offset >> 10))
                        appendUnicodeEscape(0xDC00 + (offset & 0x3FF))
                    } else {
                        appendUnicodeEscape(scalar)
                    }
                    index = next
                }
                runStart = index
            }
            if runStart < count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscapedASCII(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: bytes.append(UInt8(ascii: "\""))
        case 0x5C: bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30,  // u00
                                      Self.hexDigit(UInt32(byte >> 4)), Self.hexDigit(UInt32(byte & 0x0F))])
        }
    }

    /// `\uXXXX` for one UTF-16 code unit, lowercase hex.
    private mutating func appendUnicodeEscape(_ unit: UInt32) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6) { buffer in
            buffer[0] = UInt8(ascii: "\\")
            buffer[1] = UInt8(ascii: "u")
            buffer[2] = Self.hexDigit(unit >> 12 & 0xF)
            buffer[3] = Self.hexDigit(unit >> 8 & 0xF)
            buffer[4] = Self.hexDigit(unit >> 4 & 0xF)
            buffer[5] = Self.hexDigit(unit & 0xF)
            bytes.append(contentsOf: UnsafeBufferPointer(buffer))
        }
    }

    /// Appends the decimal digits of `value` (with a leading `-` when negative).
    private mutating func appendDecimal(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        appendDigits(value.magnitude)
    }

    private mutating func appendDigits(_ magnitude: UInt) {
        // Digits come out last-first: fill a small stack buffer from its end, append once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var remaining = magnitude
            var start = 20
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            } while remaining > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<20]))
        }
    }

    /// Exactly six digits, zero-padded: `500` → `000500`.
    private mutating func appendSixDigits(_ value: UInt) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6) { buffer in
            var remaining = value
            for index in (0..<6).reversed() {
                buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(buffer))
        }
    }

    /// `%.6f` without going through `String(format:)` in the common case.
    ///
    /// Scaling by 10⁶ and rounding is exact enough whenever the scaled value is small and
    /// not near a rounding tie; the rare remaining cases use the C library's formatting so
    /// the digits always equal `printf("%.6f")`.
    private mutating func appendFixed6(_ value: Double) {
        guard value.isFinite else {
            bytes.append(contentsOf: Array("0.000000".utf8))
            return
        }
        let magnitude = value.magnitude
        let scaled = magnitude * 1_000_000
        let fraction = scaled - scaled.rounded(.down)
        guard magnitude < 1_000_000, (fraction - 0.5).magnitude > 0.001 else {
            bytes.append(contentsOf: Array(String(format: "%.6f", value).utf8))
            return
        }
        if value.sign == .minus {
            bytes.append(UInt8(ascii: "-"))
        }
        let micros = UInt(scaled.rounded(.toNearestOrEven))
        appendDigits(micros / 1_000_000)
        bytes.append(UInt8(ascii: "."))
        appendSixDigits(micros % 1_000_000)
    }
}

// MARK: - Standard conformances

extension String: JSONWritable {
    @inlinable
    public func writeJSON(to writer: inout JSONWriter) { writer.string(self) }
}

extension Int: JSONWritable {
    @inlinable
    public func writeJSON(to writer: inout JSONWriter) { writer.int(self) }
}

extension Double: JSONWritable {
    @inlinable
    public func writeJSON(to writer: inout JSONWriter) { writer.double(self) }
}

extension Bool: JSONWritable {
    @inlinable
    public func writeJSON(to writer: inout JSONWriter) { writer.bool(self) }
}

extension Array: JSONWritable where Element: JSONWritable {
    @inlinable
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in self {
            element.writeJSON(to: &writer)
        }
        writer.endArray()
    }
}
