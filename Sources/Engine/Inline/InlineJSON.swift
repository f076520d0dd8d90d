import BotAPI

/// The field readers the inline-mode parsers need on top of ``SettingsJSON/Object``'s, with
/// the official parser's failure messages. A JSON `null` member reads as absent, as it does
/// on the official server.
extension SettingsJSON.Object {
    /// The member, nil when absent or `null`.
    func present(_ name: String) -> SettingsJSON? {
        guard let value = field(name), value != .null else { return nil }
        return value
    }

    func has(_ name: String) -> Bool { present(name) != nil }

    /// An optional string member: absent is "", numbers are read as their literal text.
    func optionalString(_ name: String) throws(SettingsJSON.FieldError) -> String {
        switch present(name) {
        case nil: return ""
        case .string(let text)?, .number(let text)?: return text
        default: throw SettingsJSON.FieldError("Field \"\(name)\" must be of type String")
        }
    }

    /// An optional 32-bit integer member, given as a number or a numeric string; absent is 0.
    func optionalInt(_ name: String) throws(SettingsJSON.FieldError) -> Int {
        switch present(name) {
        case nil: return 0
        case .string(let text)?, .number(let text)?:
            guard let value = Int32(text) else { throw SettingsJSON.FieldError("Field \"\(name)\" must be a valid Number") }
            return Int(value)
        default: throw SettingsJSON.FieldError("Field \"\(name)\" must be a Number")
        }
    }

    /// An optional 64-bit integer member; absent is 0.
    func optionalLong(_ name: String) throws(SettingsJSON.FieldError) -> Int64 {
        guard has(name) else { return 0 }
        return try requiredLong(name)
    }

    /// A floating-point member, given as a number or a numeric string.
    func requiredDouble(_ name: String) throws(SettingsJSON.FieldError) -> Double {
        switch present(name) {
        case nil: throw SettingsJSON.FieldError("Can't find field \"\(name)\"")
        case .string(let text)?, .number(let text)?:
            guard let value = Double(text) else { throw SettingsJSON.FieldError("Field \"\(name)\" must be a valid Number") }
            return value
        default: throw SettingsJSON.FieldError("Field \"\(name)\" must be a Number")
        }
    }

    /// An optional floating-point member; absent is 0.
    func optionalDouble(_ name: String) throws(SettingsJSON.FieldError) -> Double {
        guard has(name) else { return 0 }
        return try requiredDouble(name)
    }

    /// An optional object member, nil when absent.
    func optionalObject(_ name: String) throws(SettingsJSON.FieldError) -> SettingsJSON.Object? {
        switch present(name) {
        case nil: return nil
        case .object(let object)?: return object
        default: throw SettingsJSON.FieldError("Field \"\(name)\" must be of type Object")
        }
    }

    /// An optional array member, nil when absent.
    func optionalArray(_ name: String) throws(SettingsJSON.FieldError) -> [SettingsJSON]? {
        switch present(name) {
        case nil: return nil
        case .array(let elements)?: return elements
        default: throw SettingsJSON.FieldError("Field \"\(name)\" must be of type Array")
        }
    }
}

/// Written back as JSON, numbers as their literal text, so a stored result is echoed as the
/// bot wrote it.
extension SettingsJSON: JSONWritable {
    func writeJSON(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .number(let text): writer.rawValue(text)
        case .string(let text): writer.string(text)
        case .array(let elements):
            writer.beginArray()
            for element in elements { element.writeJSON(to: &writer) }
            writer.endArray()
        case .object(let object):
            writer.beginObject()
            for member in object.members {
                writer.key(member.name)
                member.value.writeJSON(to: &writer)
            }
            writer.endObject()
        }
    }

    /// The value as JSON text.
    var text: String { String(decoding: jsonBytes, as: UTF8.self) }
}
