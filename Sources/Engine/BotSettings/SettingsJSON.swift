/// A JSON value as the official server's parser sees it, with the field accessors whose
/// failure messages clients read ("Can't find field \"type\"", "Field \"x\" must be of type
/// Boolean", ...; behaviour.md §1.5).
///
/// The bot-settings parameters (`commands`, `scope`, `menu_button`, `rights`) are parsed
/// with it rather than with the generated Decodable models, because each step of the
/// official parser has its own error text, which a Decodable error cannot reproduce.
/// Numbers keep their literal text, as the official parser's do.
indirect enum SettingsJSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([SettingsJSON])
    case object(Object)

    /// A JSON object: members in their order; the first of duplicate names wins.
    struct Object: Equatable, Sendable {
        var members: [(name: String, value: SettingsJSON)]

        static func == (lhs: Object, rhs: Object) -> Bool {
            lhs.members.elementsEqual(rhs.members) { $0.name == $1.name && $0.value == $1.value }
        }

        func field(_ name: String) -> SettingsJSON? {
            members.first { $0.name == name }?.value
        }

        /// A string member; numbers are accepted as their literal text.
        func requiredString(_ name: String) throws(FieldError) -> String {
            switch field(name) {
            case nil: throw FieldError("Can't find field \"\(name)\"")
            case .string(let text)?, .number(let text)?: return text
            default: throw FieldError("Field \"\(name)\" must be of type String")
            }
        }

        /// An optional boolean member: absent is `false`, anything but a boolean is an error.
        func optionalBool(_ name: String) throws(FieldError) -> Bool {
            switch field(name) {
            case nil: return false
            case .bool(let value)?: return value
            default: throw FieldError("Field \"\(name)\" must be of type Boolean")
            }
        }

        /// A 64-bit integer member, given as a number or a numeric string.
        func requiredLong(_ name: String) throws(FieldError) -> Int64 {
            switch field(name) {
            case nil: throw FieldError("Can't find field \"\(name)\"")
            case .string(let text)?, .number(let text)?:
                guard let value = Int64(text) else { throw FieldError("Field \"\(name)\" must be a valid Number") }
                return value
            default: throw FieldError("Field \"\(name)\" must be a Number")
            }
        }

        /// An object member.
        func requiredObject(_ name: String) throws(FieldError) -> Object {
            switch field(name) {
            case nil: throw FieldError("Can't find field \"\(name)\"")
            case .object(let object)?: return object
            default: throw FieldError("Field \"\(name)\" must be of type Object")
            }
        }
    }

    /// Why a field could not be read, in the official wording.
    struct FieldError: Error, Sendable {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// Parses `text`, or returns nil when it is not JSON.
    static func parse(_ text: String) -> SettingsJSON? {
        var parser = Parser(bytes: Array(text.utf8))
        guard let value = parser.value() else { return nil }
        parser.skipWhitespace()
        return parser.index == parser.bytes.count ? value : nil
    }

    /// A small recursive-descent parser; nesting is bounded so hostile input cannot exhaust
    /// the stack.
    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var depth = 0

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func value() -> SettingsJSON? {
            skipWhitespace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""): return string().map(SettingsJSON.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: String, _ result: SettingsJSON) -> SettingsJSON? {
            let word = Array(word.utf8)
            guard index + word.count <= bytes.count, Array(bytes[index..<index + word.count]) == word else { return nil }
            index += word.count
            return result
        }

        mutating func number() -> SettingsJSON? {
            let start = index
            while index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")
                || bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")
                || (bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9"))
            {
                index += 1
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard !text.isEmpty, Double(text) != nil else { return nil }
            return .number(text)
        }

        mutating func string() -> String? {
            index += 1
            var scalars = String.UnicodeScalarView()
            var run = [UInt8]()
            func flush() {
                scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
                run.removeAll()
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    guard index < bytes.count else { return nil }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        guard var code = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                           bytes[index + 1] == UInt8(ascii: "u")
                        {
                            index += 2
                            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    default: return nil
                    }
                default:
                    run.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count,
                  let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { return nil }
            index += 4
            return code
        }

        mutating func array() -> SettingsJSON? {
            depth += 1
            defer { depth -= 1 }
            guard depth < 100 else { return nil }
            index += 1
            var elements: [SettingsJSON] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                guard let element = value() else { return nil }
                elements.append(element)
                skipWhitespace()
                guard index < bytes.count else { return nil }
                index += 1
                if bytes[index - 1] == UInt8(ascii: "]") { return .array(elements) }
                guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
            }
        }

        mutating func object() -> SettingsJSON? {
            depth += 1
            defer { depth -= 1 }
            guard depth < 100 else { return nil }
            index += 1
            var members: [(name: String, value: SettingsJSON)] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(Object(members: members))
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let name = string() else { return nil }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let member = value() else { return nil }
                members.append((name, member))
                skipWhitespace()
                guard index < bytes.count else { return nil }
                index += 1
                if bytes[index - 1] == UInt8(ascii: "}") { return .object(Object(members: members)) }
                guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
            }
        }
    }
}
