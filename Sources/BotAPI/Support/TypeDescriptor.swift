import Foundation

/// One Bot API type, as the spec lists it: an object with fields, or a union of members.
/// The generated `TypeCatalogue.all` holds one per type, in the spec's order.
public struct TypeDescriptor: Sendable, Equatable {
    /// The spec name, e.g. `Message`.
    public let name: String
    /// An object's fields in the spec's order (empty for a union).
    public let fields: [ParameterDescriptor]
    /// A union's members (`ChatMemberOwner`, …; also `String` or `Array of RichText`);
    /// empty for an object.
    public let members: [String]

    public init(name: String, fields: [ParameterDescriptor], members: [String]) {
        self.name = name
        self.fields = fields
        self.members = members
    }

    public var isUnion: Bool { !members.isEmpty }

    /// Parses the generated table (see `TypeCatalogue.table`): a name line, then its fields;
    /// `Name = A | B` for a union. The generator writes it and a test checks the result.
    static func parseTable(_ table: String) -> [TypeDescriptor] {
        var types: [TypeDescriptor] = []
        for line in table.split(separator: "\n") {
            if line.hasPrefix(" ") {
                guard let field = ParameterDescriptor(tableLine: line), let last = types.popLast() else { continue }
                types.append(TypeDescriptor(name: last.name, fields: last.fields + [field], members: []))
            } else if let equals = line.range(of: " = ") {
                types.append(TypeDescriptor(
                    name: String(line[..<equals.lowerBound]), fields: [],
                    members: line[equals.upperBound...].components(separatedBy: " | ")))
            } else {
                types.append(TypeDescriptor(name: String(line), fields: [], members: []))
            }
        }
        return types
    }
}

extension TypeCatalogue {
    private static let byName: [String: TypeDescriptor] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The type called `name` (exact match), if any.
    public static func type(named name: String) -> TypeDescriptor? { byName[name] }
}
