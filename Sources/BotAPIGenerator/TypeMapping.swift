/// A Swift type a spec field maps to, with what the emitters need to know about storage.
indirect enum SwiftType: Equatable {
    case int, double, string, bool
    /// A hand-written type from `Sources/BotAPI/Support` (`InputFile`, `ChatID`,
    /// `InputFileOrString`, `ReplyMarkup`): small, stored inline.
    case support(String)
    /// A generated struct: stored behind `Indirect` so big types stay small.
    case structure(String)
    /// A generated union (`indirect enum`, already one pointer wide): stored inline.
    case union(String)
    case array(SwiftType)

    /// The Swift spelling, e.g. `[[PhotoSize]]`.
    var name: String {
        switch self {
        case .int: return "Int"
        case .double: return "Double"
        case .string: return "String"
        case .bool: return "Bool"
        case .support(let name), .structure(let name), .union(let name): return name
        case .array(let element): return "[\(element.name)]"
        }
    }

    /// Whether the field is stored as `Indirect<…>` behind a computed property.
    var isBoxed: Bool {
        if case .structure = self { return true }
        return false
    }
}

/// Maps spec type lists to Swift types.
///
/// Single spec types map directly: `Integer` → `Int`, `Float` → `Double`, `String`,
/// `Boolean`/`True` → `Bool`, `InputFile` → `InputFile`, `Array of X` → `[X]`, object names
/// to the generated struct or union. Lists of several types ("any of these") must be one of
/// the known combinations below; anything new stops the generator so nobody silently gets
/// a wrong type.
struct TypeMapping {
    let spec: Spec

    /// The Swift type for a field typed `types` (the field is named for error messages).
    func swiftType(for types: [String], context: String) throws -> SwiftType {
        switch types {
        case ["Integer", "String"]:
            return .support("ChatID")
        case ["InputFile", "String"]:
            return .support("InputFileOrString")
        case ["InlineKeyboardMarkup", "ReplyKeyboardMarkup", "ReplyKeyboardRemove", "ForceReply"]:
            return .support("ReplyMarkup")
        default:
            break
        }
        if types.count == 1 {
            return try swiftType(for: types[0], context: context)
        }
        // sendMediaGroup's `media`: "Array of InputMediaAudio, …Document, …Photo and …Video"
        // is an array of the InputMedia union when every alternative is an array of members.
        let elements = types.map { $0.hasPrefix("Array of ") ? String($0.dropFirst(9)) : "" }
        if let inputMedia = spec.type(named: "InputMedia"),
           elements.allSatisfy({ inputMedia.subtypes.contains($0) }) {
            return .array(.union("InputMedia"))
        }
        throw GeneratorError.unsupported("\(context): no mapping for the type combination \(types)")
    }

    func swiftType(for type: String, context: String) throws -> SwiftType {
        if type.hasPrefix("Array of ") {
            return .array(try swiftType(for: String(type.dropFirst(9)), context: context))
        }
        switch type {
        case "Integer": return .int
        case "Float": return .double
        case "String": return .string
        case "Boolean", "True": return .bool
        default: break
        }
        if Overrides.handWrittenTypes.contains(type) {
            return .support(type)
        }
        guard let definition = spec.type(named: type) else {
            throw GeneratorError.unsupported("\(context): unknown type \(type)")
        }
        return definition.isUnion ? .union(type) : .structure(type)
    }
}
