import Foundation
import Testing
@testable import BotAPIGenerator

/// Where the tests find the package and the shared spec.
enum Paths {
    /// The package root: three levels up from this file (`Tests/BotAPITests/<file>`).
    /// Symlinks are resolved first, so a mirror package that links `Tests/BotAPITests`
    /// still finds the real checkout.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/botapi/spec-10.3.json` next to the package: the version the server speaks.
    static let spec: URL = packageRoot.appendingPathComponent("../shared/botapi/spec-10.3.json").standardizedFileURL

    /// The committed generator output.
    static let generated: URL = packageRoot.appendingPathComponent("Sources/BotAPI/Generated")

    /// The parsed spec, or `nil` (with a note) when the file is absent.
    static func loadSpec() throws -> Spec? {
        guard FileManager.default.fileExists(atPath: spec.path) else {
            print("note: \(spec.path) not found; skipping spec-driven test")
            return nil
        }
        return try Spec(data: Data(contentsOf: spec))
    }
}

/// Builds sample JSON for spec types, written exactly as the official server (and so
/// `JSONWriter`) would write it: compact, spec field order, six-decimal floats, a line
/// break after Update's `update_id`. Decoding such JSON and writing it back must
/// reproduce it byte for byte.
struct SampleJSON {
    let spec: Spec
    /// Optional fields are filled down to this nesting depth; deeper only required ones.
    var fillOptionalToDepth: Int

    /// The discriminator of a union member (spec const on type/status/source, else the
    /// generator's override table).
    func discriminator(of type: Spec.TypeDefinition) -> (field: String, value: String)? {
        if let field = type.fields.first(where: {
            Overrides.discriminatorFieldNames.contains($0.name) && $0.constValue != nil
        }) {
            return (field.name, field.constValue!)
        }
        return Overrides.discriminators[type.name]
    }

    /// A sample object of type `name`. `zeroDate` writes `"date":0` (InaccessibleMessage).
    func object(_ name: String, depth: Int = 0, zeroDate: Bool = false) -> String {
        precondition(depth < 20, "required-field cycle at \(name)")
        guard let type = spec.type(named: name) else { fatalError("unknown type \(name)") }
        if type.isUnion {
            return value(of: type.subtypes[0], depth: depth)
        }
        let discriminator = discriminator(of: type)
        var members: [String] = []
        for field in type.fields where field.isRequired || depth <= fillOptionalToDepth {
            var text: String
            if let discriminator, discriminator.field == field.name {
                text = "\"\(discriminator.value)\""
            } else if zeroDate && field.name == "date" {
                text = "0"
            } else {
                text = value(of: field.types, depth: depth + 1)
            }
            if name == "Update" && field.name == "update_id" {
                text += ",\n"
                members.append("\"\(field.name)\":" + text)
                continue
            }
            members.append("\"\(field.name)\":" + text)
        }
        var body = ""
        for member in members {
            if !body.isEmpty && !body.hasSuffix("\n") { body += "," }
            body += member
        }
        if body.hasSuffix(",\n") { body.removeLast(2) }
        return "{" + body + "}"
    }

    func value(of types: [String], depth: Int) -> String {
        if types.count > 1 {
            if types.allSatisfy({ $0.hasPrefix("Array of InputMedia") }) {
                return value(of: types[0], depth: depth)
            }
            if types == ["InputFile", "String"] { return "\"attach://file\"" }
        }
        return value(of: types[0], depth: depth)
    }

    func value(of type: String, depth: Int) -> String {
        if type.hasPrefix("Array of ") {
            return "[" + value(of: String(type.dropFirst(9)), depth: depth) + "]"
        }
        switch type {
        case "Integer": return "1"
        case "Float": return "1.500000"
        case "String": return "\"s\""
        case "Boolean", "True": return "true"
        case "InputFile": return "\"attach://file\""
        default: return object(type, depth: depth)
        }
    }
}
