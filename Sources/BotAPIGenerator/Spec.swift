import Foundation

/// Errors the generator reports instead of producing wrong code.
public enum GeneratorError: Error, CustomStringConvertible, Equatable {
    /// The spec file is not shaped as `README.md` describes.
    case invalidSpec(String)
    /// The spec uses something the generator has no mapping for (a new multi-type field, a
    /// union without a discriminator…). Extend `Overrides` or `TypeMapping` and regenerate.
    case unsupported(String)

    public var description: String {
        switch self {
        case .invalidSpec(let message): return "invalid spec: \(message)"
        case .unsupported(let message): return "unsupported spec construct: \(message)"
        }
    }
}

/// The facts-only Bot API spec (`../shared/botapi/spec.json`), in document order.
///
/// Shape:
/// ```
/// { "version": "Bot API 10.1",
///   "methods": { "<name>": { "returns": [types], "params": [field] } },
///   "types":   { "<name>": { "fields": [field], "subtypes"?: [names], "subtype_of"?: [names] } } }
/// field = { "name", "types": [type names], "required": Bool, "constraints"?: {...} }
/// ```
/// A type name is `Integer`, `Float`, `String`, `Boolean`, `True`, `InputFile`,
/// `Array of X`, `Array of Array of X` or an object type name; several names mean
/// "any of these".
public struct Spec: Sendable {
    public var version: String
    public var methods: [Method]
    public var types: [TypeDefinition]

    /// A field of a type, or a parameter of a method.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var types: [String]
        public var isRequired: Bool
        /// The constraints in spec order, values rendered as compact JSON-ish text.
        public var constraints: [(key: String, value: String)]
        /// `constraints.const` when it is a string.
        public var constValue: String?

        public static func == (lhs: Field, rhs: Field) -> Bool {
            lhs.name == rhs.name && lhs.types == rhs.types && lhs.isRequired == rhs.isRequired
                && lhs.constValue == rhs.constValue
                && lhs.constraints.map(\.key) == rhs.constraints.map(\.key)
                && lhs.constraints.map(\.value) == rhs.constraints.map(\.value)
        }
    }

    public struct TypeDefinition: Sendable {
        public var name: String
        public var fields: [Field]
        /// Non-empty for unions: the member type names (`String` and `Array of RichText`
        /// may appear among them).
        public var subtypes: [String]
        /// The unions this type belongs to.
        public var subtypeOf: [String]

        public var isUnion: Bool { !subtypes.isEmpty }
    }

    public struct Method: Sendable {
        public var name: String
        public var returns: [String]
        public var parameters: [Field]
    }

    /// Parses `spec.json`.
    public init(data: Data) throws {
        let root = try OrderedJSON.parse(data)
        guard let version = root["version"]?.stringValue else { throw GeneratorError.invalidSpec("no version") }
        guard let methods = root["methods"]?.objectValue, let types = root["types"]?.objectValue else {
            throw GeneratorError.invalidSpec("missing methods or types")
        }
        self.version = version
        self.methods = try methods.map { name, value in
            guard let params = value["params"]?.arrayValue, let returns = value["returns"]?.arrayValue else {
                throw GeneratorError.invalidSpec("method \(name): missing params/returns")
            }
            return Method(
                name: name,
                returns: try Self.strings(returns, context: name),
                parameters: try params.map { try Self.field($0, context: name) })
        }
        self.types = try types.map { name, value in
            TypeDefinition(
                name: name,
                fields: try (value["fields"]?.arrayValue ?? []).map { try Self.field($0, context: name) },
                subtypes: try Self.strings(value["subtypes"]?.arrayValue ?? [], context: name),
                subtypeOf: try Self.strings(value["subtype_of"]?.arrayValue ?? [], context: name))
        }
        for (index, type) in self.types.enumerated() where typeIndex[type.name] == nil {
            typeIndex[type.name] = index
        }
    }

    /// Inserts `field` into `typeName` after the field called `after`. Returns false when the
    /// type already has a field of that name (the spec caught up) or lacks `after`.
    public mutating func insert(_ field: Field, into typeName: String, after: String) -> Bool {
        guard let index = typeIndex[typeName], !types[index].fields.contains(where: { $0.name == field.name }),
              let position = types[index].fields.firstIndex(where: { $0.name == after })
        else { return false }
        types[index].fields.insert(field, at: position + 1)
        return true
    }

    /// Gives the several object types of `typeName.fieldName` a name: a new union `unionName`
    /// whose members are those types, which the field then holds. Returns false when the
    /// field does not exist, holds fewer than two types, or the name is taken.
    public mutating func nameUnion(_ unionName: String, ofField fieldName: String, in typeName: String) -> Bool {
        guard typeIndex[unionName] == nil, let index = typeIndex[typeName],
              let position = types[index].fields.firstIndex(where: { $0.name == fieldName }),
              types[index].fields[position].types.count > 1
        else { return false }
        let members = types[index].fields[position].types
        guard members.allSatisfy({ typeIndex[$0] != nil }) else { return false }
        types[index].fields[position].types = [unionName]
        for member in members {
            types[typeIndex[member]!].subtypeOf.append(unionName)
        }
        typeIndex[unionName] = types.count
        types.append(TypeDefinition(name: unionName, fields: [], subtypes: members, subtypeOf: []))
        return true
    }

    /// The type called `name`.
    public func type(named name: String) -> TypeDefinition? {
        typeIndex[name].map { types[$0] }
    }

    private var typeIndex: [String: Int] = [:]

    private static func strings(_ values: [OrderedJSON], context: String) throws -> [String] {
        try values.map {
            guard let string = $0.stringValue else { throw GeneratorError.invalidSpec("\(context): expected strings") }
            return string
        }
    }

    private static func field(_ value: OrderedJSON, context: String) throws -> Field {
        guard let name = value["name"]?.stringValue,
              let types = value["types"]?.arrayValue,
              let required = value["required"]?.boolValue
        else { throw GeneratorError.invalidSpec("\(context): malformed field") }
        let constraints = (value["constraints"]?.objectValue ?? []).map { ($0.key, render($0.value)) }
        return Field(
            name: name,
            types: try strings(types, context: "\(context).\(name)"),
            isRequired: required,
            constraints: constraints,
            constValue: value["constraints"]?["const"]?.stringValue)
    }

    /// Compact text for a constraint value: `1`, `"all"`, `[1, 10]`, `true`.
    private static func render(_ value: OrderedJSON) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            return number == number.rounded() && number.magnitude < 1e15 ? String(Int(number)) : String(number)
        case .string(let text): return "\"\(text)\""
        case .array(let elements): return "[" + elements.map(render).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { "\($0.key): \(render($0.value))" }.joined(separator: ", ") + "}"
        }
    }
}
