import Foundation

/// A file sent as a `multipart/form-data` part with a `filename` attribute.
///
/// The part's field name is how parameters refer to it: either directly (a part named
/// `photo` is the `photo` parameter) or through `attach://<name>`.
public struct UploadedFile: Sendable, Equatable {
    /// The multipart field name.
    public let fieldName: String
    /// The `filename` attribute as sent, possibly empty.
    public let filename: String
    /// The part's own `Content-Type`, if it had one.
    public let contentType: String?
    /// The file's bytes.
    public let data: Data

    public init(fieldName: String, filename: String, contentType: String?, data: Data) {
        self.fieldName = fieldName
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

/// The parameters of one Bot API call, as the official server sees them: an ordered list of
/// `(name, string value)` pairs plus the uploaded files.
///
/// Every encoding (query string, form, JSON body, multipart) is flattened into this shape by
/// the HTTP layer; nested JSON arrives as JSON text. When a name occurs more than once the
/// **first** occurrence wins, which is why the query string, parsed first, overrides the body.
public struct Parameters: Sendable {
    /// Every pair in arrival order, duplicates included.
    public private(set) var pairs: [(name: String, value: String)] = []
    /// Every uploaded file in arrival order.
    public private(set) var files: [UploadedFile] = []
    private var firstIndex: [String: Int] = [:]

    public init() {}

    /// Creates parameters from pairs, e.g. `["chat_id": "1", "text": "hi"]` in tests.
    public init(_ pairs: KeyValuePairs<String, String>) {
        for (name, value) in pairs { append(name, value) }
    }

    /// Appends a pair; an earlier pair of the same name keeps precedence.
    public mutating func append(_ name: String, _ value: String) {
        if firstIndex[name] == nil { firstIndex[name] = pairs.count }
        pairs.append((name, value))
    }

    /// Appends an uploaded file.
    public mutating func append(file: UploadedFile) {
        files.append(file)
    }

    /// Appends every pair and file of `other` after this one's.
    public mutating func append(contentsOf other: Parameters) {
        for pair in other.pairs { append(pair.name, pair.value) }
        files.append(contentsOf: other.files)
    }

    /// The first value given for `name`, empty or not.
    public func rawValue(_ name: String) -> String? {
        firstIndex[name].map { pairs[$0].value }
    }

    /// The first value given for `name`, or `nil` when it is absent or empty: the official
    /// server treats an empty parameter exactly like an absent one.
    public subscript(_ name: String) -> String? {
        guard let value = rawValue(name), !value.isEmpty else { return nil }
        return value
    }

    /// The first uploaded file whose multipart field name is `name`.
    public func file(named name: String) -> UploadedFile? {
        files.first { $0.fieldName == name }
    }

    /// Whether the call carries a non-empty value or a file for `name`.
    public func contains(_ name: String) -> Bool {
        self[name] != nil || file(named: name) != nil
    }

    /// Decodes a parameter struct (e.g. `SendMessageParameters`) with the Bot API's lenient
    /// rules; see ``ParameterDecoder``.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws(ParameterError) -> T {
        do {
            return try T(from: ParameterDecoder(parameters: self))
        } catch let error as ParameterError {
            throw error
        } catch let DecodingError.keyNotFound(key, _) {
            throw .missing(key.stringValue)
        } catch {
            throw .invalid(field: "", detail: "\(error)")
        }
    }
}

/// Why a call's parameters could not be decoded. The engine turns these into the official
/// error descriptions, which depend on the parameter (e.g. "chat_id is empty").
public enum ParameterError: Error, Sendable, Equatable {
    /// A required parameter is absent or empty.
    case missing(String)
    /// A JSON-typed parameter is not valid JSON of the expected shape.
    case invalid(field: String, detail: String)
}

// MARK: - Lenient scalar parsing

/// The official server's scalar parsing rules (behaviour.md §1.5), in one place.
public enum LenientParse {
    /// `true` iff the trimmed, lower-cased value is `true`, `yes` or `1`.
    public static func bool(_ value: String) -> Bool {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "1": return true
        default: return false
        }
    }

    /// The largest magnitude an integer parameter may have: the Bot API promises at most
    /// 52 significant bits (every id and count fits a double), so anything beyond is
    /// saturated here, where it is parsed. Two such values can then be added, or one
    /// multiplied by 1000, without overflowing an `Int`.
    public static let integerLimit = (1 << 53) - 1

    /// An optional leading `-`, then leading digits; parsing stops at the first non-digit and
    /// garbage gives 0. Never fails: values beyond ±``integerLimit`` saturate to it.
    public static func integer(_ value: String) -> Int {
        var result = 0
        var negative = false
        var first = true
        for byte in value.utf8 {
            if first && byte == UInt8(ascii: "-") { negative = true; first = false; continue }
            first = false
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            result = result * 10 + Int(byte - UInt8(ascii: "0"))
            if result > integerLimit { result = integerLimit; break }
        }
        return negative ? -result : result
    }

    /// A decimal floating-point number; anything else gives 0. Always finite: `nan`, `inf`
    /// and overflowing values read as 0, as the official parser (a C++ stream) reads them,
    /// so no NaN or infinity ever reaches a comparison or a conversion to an integer.
    public static func double(_ value: String) -> Double {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        // Swift reads hexadecimal floats ("0x1p3"); the official parser gives 0 for them.
        guard !trimmed.drop(while: { $0 == "+" || $0 == "-" }).lowercased().hasPrefix("0x"),
              let parsed = Double(trimmed), parsed.isFinite
        else { return 0 }
        return parsed
    }

    /// `value` if finite, else 0: the same rule for numbers that arrive inside JSON.
    public static func finite(_ value: Double) -> Double {
        value.isFinite ? value : 0
    }
}

// MARK: - Decoder

/// A `Decoder` over ``Parameters`` that applies the official server's rules, so generated
/// parameter structs decode from any of the four encodings with one code path:
///
/// - an empty value is the same as an absent one;
/// - booleans are `true`/`yes`/`1` (any case), integers are parsed leniently;
/// - a value whose type wants a keyed or unkeyed container (`reply_markup`, `entities`,
///   `allowed_updates`, ...) is JSON text and is decoded with `JSONDecoder`, where `null`
///   members count as absent;
/// - a file parameter given as a multipart part named after it reads as `attach://<name>`;
/// - a few parameters are silently ignored when malformed, as the official server does.
public struct ParameterDecoder: Decoder {
    /// Parameters whose malformed values are ignored rather than rejected (behaviour.md §1.5,
    /// §3.4): entity lists and `allowed_updates`.
    public static let ignoredWhenMalformed: Set<String> = [
        "entities", "caption_entities", "explanation_entities", "question_entities",
        "text_entities", "description_entities", "allowed_updates",
    ]

    let parameters: Parameters
    public var codingPath: [any CodingKey] { [] }
    public var userInfo: [CodingUserInfoKey: Any] { [:] }

    public init(parameters: Parameters) { self.parameters = parameters }

    public func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedContainer<Key>(parameters: parameters))
    }

    public func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "parameters are keyed"))
    }

    public func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "parameters are keyed"))
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let parameters: Parameters
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { parameters.pairs.compactMap { Key(stringValue: $0.name) } }

        /// The textual value of a parameter: its first non-empty value, or `attach://<name>`
        /// when only a multipart file of that name was sent.
        func text(_ key: Key) -> String? {
            if let value = parameters[key.stringValue] { return value }
            if parameters.file(named: key.stringValue) != nil { return "attach://" + key.stringValue }
            return nil
        }

        func require(_ key: Key) throws -> String {
            guard let value = text(key) else { throw ParameterError.missing(key.stringValue) }
            return value
        }

        func contains(_ key: Key) -> Bool { text(key) != nil }
        func decodeNil(forKey key: Key) throws -> Bool { text(key) == nil }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { LenientParse.bool(try require(key)) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try require(key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { LenientParse.double(try require(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(LenientParse.double(try require(key))) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { LenientParse.integer(try require(key)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { Int64(LenientParse.integer(try require(key))) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
            Int32(clamping: LenientParse.integer(try require(key)))
        }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { Int8(clamping: LenientParse.integer(try require(key))) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { Int16(clamping: LenientParse.integer(try require(key))) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { UInt(clamping: LenientParse.integer(try require(key))) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { UInt8(clamping: LenientParse.integer(try require(key))) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { UInt16(clamping: LenientParse.integer(try require(key))) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { UInt32(clamping: LenientParse.integer(try require(key))) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { UInt64(clamping: LenientParse.integer(try require(key))) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try decodeValue(type, key: key, text: try require(key))
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let text = text(key) else { return nil }
            do {
                return try decodeValue(type, key: key, text: text)
            } catch {
                if ParameterDecoder.ignoredWhenMalformed.contains(key.stringValue) { return nil }
                throw error
            }
        }

        /// Scalars and string-backed types (chat ids, file references) decode from the text
        /// itself; structured types decode from it as JSON.
        private func decodeValue<T: Decodable>(_ type: T.Type, key: Key, text: String) throws -> T {
            do {
                return try T(from: ScalarDecoder(text: text, codingPath: [key]))
            } catch is ScalarDecoder.NeedsJSON {
                let json = Array(text.utf8)
                // Foundation decodes any 64-bit integer; the Bot API's are at most 53 bits, and
                // larger ones would overflow the engine's arithmetic on offsets and ids.
                if JSONNumbers.exceedIntegerLimit(json) {
                    throw ParameterError.invalid(field: key.stringValue, detail: "Number is too big")
                }
                do {
                    return try JSONDecoder().decode(T.self, from: Data(json))
                } catch {
                    throw ParameterError.invalid(field: key.stringValue, detail: Self.describe(error))
                }
            }
        }

        static func describe(_ error: any Error) -> String {
            switch error {
            case DecodingError.keyNotFound(let key, _): return "Can't find field \"\(key.stringValue)\""
            case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
                let field = context.codingPath.last?.stringValue ?? "value"
                return "Field \"\(field)\" has a wrong type"
            case DecodingError.dataCorrupted(let context): return context.debugDescription
            default: return "\(error)"
            }
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            throw ScalarDecoder.NeedsJSON()
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw ScalarDecoder.NeedsJSON() }
        func superDecoder() throws -> any Decoder { ParameterDecoder(parameters: parameters) }
        func superDecoder(forKey key: Key) throws -> any Decoder { ParameterDecoder(parameters: parameters) }
    }
}

/// Decodes one parameter's text as a scalar. Asking it for a keyed or unkeyed container
/// means the type is structured, so the caller decodes the text as JSON instead.
struct ScalarDecoder: Decoder, SingleValueDecodingContainer {
    struct NeedsJSON: Error {}

    let text: String
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw NeedsJSON() }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw NeedsJSON() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { text.isEmpty }
    func decode(_ type: Bool.Type) throws -> Bool { LenientParse.bool(text) }
    func decode(_ type: String.Type) throws -> String { text }
    func decode(_ type: Double.Type) throws -> Double { LenientParse.double(text) }
    func decode(_ type: Float.Type) throws -> Float { Float(LenientParse.double(text)) }
    func decode(_ type: Int.Type) throws -> Int { LenientParse.integer(text) }
    func decode(_ type: Int8.Type) throws -> Int8 { Int8(clamping: LenientParse.integer(text)) }
    func decode(_ type: Int16.Type) throws -> Int16 { Int16(clamping: LenientParse.integer(text)) }
    func decode(_ type: Int32.Type) throws -> Int32 { Int32(clamping: LenientParse.integer(text)) }
    func decode(_ type: Int64.Type) throws -> Int64 { Int64(LenientParse.integer(text)) }
    func decode(_ type: UInt.Type) throws -> UInt { UInt(clamping: LenientParse.integer(text)) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { UInt8(clamping: LenientParse.integer(text)) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { UInt16(clamping: LenientParse.integer(text)) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { UInt32(clamping: LenientParse.integer(text)) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { UInt64(clamping: LenientParse.integer(text)) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}

/// A scan of JSON text for integers the Bot API cannot carry.
enum JSONNumbers {
    /// Whether any number outside string literals has an integer part beyond
    /// ±``LenientParse/integerLimit`` (more than 15 digits is the quick test; exactly 16 are
    /// compared). Linear, no allocation: it runs before every structured parameter is decoded.
    static func exceedIntegerLimit(_ json: [UInt8]) -> Bool {
        var inString = false
        var escaped = false
        var index = 0
        while index < json.count {
            let byte = json[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = true
                index += 1
                continue
            }
            guard isDigit(byte) else {
                index += 1
                continue
            }
            // A run of digits: the integer part of a number (a fraction or exponent that
            // follows starts with '.', 'e' or 'E' and is not an integer part).
            let start = index
            while index < json.count, isDigit(json[index]) { index += 1 }
            let previous = start > 0 ? json[start - 1] : 0
            if previous == UInt8(ascii: ".") || previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E")
                || previous == UInt8(ascii: "+") || (previous == UInt8(ascii: "-") && start > 1 && (json[start - 2] | 0x20) == UInt8(ascii: "e"))
            {
                continue
            }
            var digits = json[start..<index].drop(while: { $0 == UInt8(ascii: "0") })
            if digits.isEmpty { digits = json[start..<start] }
            if digits.count > 16 { return true }
            if digits.count == 16 {
                var value = 0
                for digit in digits { value = value * 10 + Int(digit - UInt8(ascii: "0")) }
                if value > LenientParse.integerLimit { return true }
            }
        }
        return false
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
