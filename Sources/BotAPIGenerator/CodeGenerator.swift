import Foundation

/// One output file: a name inside the output directory and its full text.
public struct GeneratedFile: Sendable, Equatable {
    public let name: String
    public let contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}

/// Turns the Bot API spec into the Swift sources of `Sources/BotAPI/Generated`.
///
/// What comes out (see the emitters for the shapes):
/// - `Types_<letters>.swift`: one `struct` per object type, alphabetically, a few files so
///   the compiler can work on them in parallel;
/// - `Unions.swift`: one `indirect enum` per union type;
/// - `MethodParameters_<letters>.swift`: one `<Method>Parameters` struct per method;
/// - `MethodCatalogue.swift`: `MethodCatalogue.all`, every method with its parameters.
///
/// Generation is a pure function of the spec: same spec, byte-identical files. A test
/// regenerates in-process and compares with the committed output.
///
/// ```swift
/// let generator = try CodeGenerator(specData: Data(contentsOf: specURL))
/// try CodeGenerator.write(try generator.generate(), to: outputURL)
/// ```
public struct CodeGenerator {
    public let spec: Spec
    /// Things worth a look that do not stop generation (e.g. stale override entries).
    public private(set) var warnings: [String] = []
    private let mapping: TypeMapping
    /// Discriminator field and value of every union member struct (e.g. `ChatMemberOwner`
    /// → `status` = `creator`), used for the unions and as memberwise-init defaults.
    private var discriminators: [String: (field: String, value: String)] = [:]

    /// Target number of declarations per output file.
    /// Many mid-sized files keep the compiler's batch jobs balanced on few cores.
    static let typesPerFile = 25
    static let methodsPerFile = 25

    public init(spec: Spec) throws {
        var spec = spec
        var stale: [String] = []
        for addition in Overrides.newerFields {
            let field = Spec.Field(name: addition.name, types: addition.types, isRequired: false, constraints: [], constValue: nil)
            if !spec.insert(field, into: addition.type, after: addition.after) {
                stale.append("newer field \(addition.type).\(addition.name) not added: the spec has it, or lacks \(addition.after)")
            }
        }
        for absent in Overrides.absentMeansDefault
        where !(spec.type(named: absent.type)?.fields.contains { $0.name == absent.field && $0.isRequired } ?? false) {
            stale.append("absent default for \(absent.type).\(absent.field) unused: no such required field")
        }
        for naming in Overrides.namedFieldUnions
        where !spec.nameUnion(naming.union, ofField: naming.field, in: naming.type) {
            stale.append("union \(naming.union) not made: \(naming.type).\(naming.field) is missing or not several object types")
        }
        self.spec = spec
        self.mapping = TypeMapping(spec: spec)
        warnings = Self.unusedOverrides(in: spec) + stale
        for union in spec.types where union.isUnion {
            guard !Overrides.keyPresenceUnions.contains(union.name),
                  Overrides.zeroDateUnions[union.name] == nil else { continue }
            for member in union.subtypes {
                guard let definition = spec.type(named: member) else { continue }
                discriminators[member] = try discriminator(of: definition, in: union.name)
            }
        }
    }

    public init(specData: Data) throws {
        try self.init(spec: Spec(data: specData))
    }

    /// All output files, sorted by name.
    public func generate() throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []

        let structs = spec.types
            .filter { !$0.isUnion && !Overrides.handWrittenTypes.contains($0.name) }
            .sorted { $0.name < $1.name }
        for bucket in Self.buckets(structs, by: \.name, target: Self.typesPerFile) {
            var source = header()
            for type in bucket.items {
                source.line()
                StructEmitter.emit(try structModel(for: type), into: &source)
            }
            files.append(GeneratedFile(name: "Types_\(bucket.label).swift", contents: source.text))
        }

        var unions = header()
        for type in spec.types.filter(\.isUnion).sorted(by: { $0.name < $1.name }) {
            unions.line()
            UnionEmitter.emit(try unionModel(for: type), into: &unions)
        }
        files.append(GeneratedFile(name: "Unions.swift", contents: unions.text))

        let methods = spec.methods.sorted { $0.name < $1.name }
        for bucket in Self.buckets(methods, by: \.name, target: Self.methodsPerFile) {
            var source = header()
            for method in bucket.items {
                source.line()
                StructEmitter.emit(try parametersModel(for: method), into: &source)
            }
            files.append(GeneratedFile(name: "MethodParameters_\(bucket.label).swift", contents: source.text))
        }

        files.append(GeneratedFile(name: "MethodCatalogue.swift", contents: catalogue()))
        files.append(GeneratedFile(name: "TypeCatalogue.swift", contents: typeCatalogue()))
        try checkNameCollisions()
        return files.sorted { $0.name < $1.name }
    }

    /// Writes `files` into `directory` (created if needed), rewriting only files whose text
    /// changed, and deletes any other `.swift` file there: the directory holds generated
    /// code only. Returns how many files were written or deleted.
    @discardableResult
    public static func write(_ files: [GeneratedFile], to directory: URL) throws -> Int {
        var changes = 0
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        let wanted = Set(files.map(\.name))
        for existing in try manager.contentsOfDirectory(atPath: directory.path)
        where existing.hasSuffix(".swift") && !wanted.contains(existing) {
            try manager.removeItem(at: directory.appendingPathComponent(existing))
            changes += 1
        }
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            let data = Data(file.contents.utf8)
            if (try? Data(contentsOf: url)) != data {
                try data.write(to: url, options: .atomic)
                changes += 1
            }
        }
        return changes
    }

    // MARK: - Models

    private func structModel(for type: Spec.TypeDefinition) throws -> StructModel {
        var doc = ["The Bot API type `\(type.name)`."]
        if !type.subtypeOf.isEmpty {
            doc += ["", "A member of " + type.subtypeOf.map { "``\($0)``" }.joined(separator: ", ") + "."]
        }
        if type.fields.isEmpty {
            doc += ["", "It has no fields: it decodes from any JSON value and is written as `{}`."]
        }
        let discriminator = discriminators[type.name]
        let fields = try type.fields.map { field -> StructModel.Field in
            var model = try fieldModel(field, context: type.name)
            if let absent = Overrides.absentMeansDefault.first(where: { $0.type == type.name && $0.field == field.name }) {
                model.absentValue = absent.value
                model.doc.append("Decodes as `\(absent.value)` when absent, as the official server reads it.")
            }
            if let discriminator, discriminator.field == field.name {
                model.defaultValue = "\"\(discriminator.value)\""
                model.doc.append("Always `\"\(discriminator.value)\"` for this type: it selects the union member.")
            }
            return model
        }
        return StructModel(
            name: type.name,
            doc: doc,
            fields: fields,
            lineBreakAfter: Overrides.lineBreakAfterMember[type.name],
            stringShorthandField: Overrides.stringShorthand[type.name])
    }

    private func parametersModel(for method: Spec.Method) throws -> StructModel {
        StructModel(
            name: Self.parametersTypeName(method.name),
            doc: [
                "The parameters of the Bot API method `\(method.name)`.",
                "",
                "Returns \(method.returns.map { "`\($0)`" }.joined(separator: " or ")).",
            ],
            fields: try method.parameters.map { try fieldModel($0, context: method.name) },
            lineBreakAfter: nil,
            stringShorthandField: nil)
    }

    private func fieldModel(_ field: Spec.Field, context: String) throws -> StructModel.Field {
        var doc = ["`\(field.name)`: \(field.types.joined(separator: " or ")), \(field.isRequired ? "required" : "optional")."]
        // A `const` on a non-string field is extraction noise (e.g. on `Update.chat_member`).
        let constraints = field.constraints.filter { $0.key != "const" || field.types == ["String"] }
        if !constraints.isEmpty {
            let rendered = constraints.map { key, value in
                key == "unit" ? "unit \(value.replacingOccurrences(of: "\"", with: ""))" : "\(key) \(value)"
            }
            doc.append("Spec constraints: " + rendered.joined(separator: ", ") + ".")
        }
        return StructModel.Field(
            wireName: field.name,
            property: Naming.camelCase(field.name),
            type: try mapping.swiftType(for: field.types, context: "\(context).\(field.name)"),
            isRequired: field.isRequired,
            defaultValue: nil,
            absentValue: nil,
            doc: doc)
    }

    private func unionModel(for union: Spec.TypeDefinition) throws -> UnionModel {
        let structNames = union.subtypes.filter { spec.type(named: $0) != nil }
        let caseNames = Naming.caseNames(for: structNames)
        var members: [UnionModel.Member] = []
        var byName: [String: UnionModel.Member] = [:]
        var plainString: UnionModel.Member?
        var array: UnionModel.Member?
        for subtype in union.subtypes {
            let member: UnionModel.Member
            if subtype == "String" {
                member = .init(caseName: Overrides.plainStringCase, payload: "String", isStructure: false)
                plainString = member
            } else if subtype == "Array of \(union.name)" {
                member = .init(caseName: Overrides.arrayCase, payload: "[\(union.name)]", isStructure: false)
                array = member
            } else if let caseName = caseNames[subtype] {
                member = .init(caseName: caseName, payload: subtype, isStructure: true)
            } else {
                throw GeneratorError.unsupported("\(union.name): member \(subtype)")
            }
            members.append(member)
            byName[subtype] = member
        }
        guard Set(members.map(\.caseName)).count == members.count else {
            throw GeneratorError.unsupported("\(union.name): case names collide")
        }

        var doc = ["The Bot API union `\(union.name)`: one of "
            + union.subtypes.map { spec.type(named: $0) != nil ? "``\($0)``" : "`\($0)`" }.joined(separator: ", ") + "."]
        if let naming = Overrides.namedFieldUnions.first(where: { $0.union == union.name }) {
            doc += ["", "The spec has no type of this name: it types `\(naming.type).\(naming.field)` as any of these, and the generator names that choice."]
        }
        let strategy: UnionModel.Strategy
        if let zero = Overrides.zeroDateUnions[union.name] {
            guard let whenZero = byName[zero.whenZero], let otherwise = byName[zero.otherwise] else {
                throw GeneratorError.unsupported("\(union.name): zero-date override names unknown members")
            }
            strategy = .zeroValue(field: zero.field, whenZero: whenZero, otherwise: otherwise)
            doc += ["", "Decoded by `\(zero.field)`: `0` → `.\(whenZero.caseName)`, anything else → `.\(otherwise.caseName)`."]
        } else if Overrides.keyPresenceUnions.contains(union.name) {
            let choice = try keyChoice(structNames, members: byName, union: union.name)
            strategy = .keyPresence(choice)
            doc += ["", "Its members have no discriminator field; the keys present decide:"]
            doc += describe(choice)
        } else {
            var grouped: [(value: String, names: [String])] = []
            var field: String?
            for name in structNames {
                guard let discriminator = discriminators[name] else {
                    throw GeneratorError.unsupported("\(union.name): no discriminator for \(name)")
                }
                if let field, field != discriminator.field {
                    throw GeneratorError.unsupported("\(union.name): members disagree on the discriminator field")
                }
                field = discriminator.field
                if let index = grouped.firstIndex(where: { $0.value == discriminator.value }) {
                    grouped[index].names.append(name)
                } else {
                    grouped.append((discriminator.value, [name]))
                }
            }
            guard let field else { throw GeneratorError.unsupported("\(union.name): no members") }
            let values = try grouped.map { group in
                (value: group.value, choice: try keyChoice(group.names, members: byName, union: union.name))
            }
            strategy = .discriminator(field: field, values: values)
            doc += ["", "Decoded by its `\(field)` field:"]
            for (value, choice) in values {
                if choice.checks.isEmpty {
                    doc.append("- `\"\(value)\"` → `.\(choice.fallback.caseName)`")
                } else {
                    doc.append("- `\"\(value)\"` →")
                    doc += describe(choice).map { "  " + $0 }
                }
            }
        }
        if plainString != nil || array != nil {
            doc += ["", "A JSON string decodes as `.\(Overrides.plainStringCase)`, a JSON array as `.\(Overrides.arrayCase)`, before any of that."]
        }
        return UnionModel(
            name: union.name, doc: doc, members: members,
            plainString: plainString, array: array, strategy: strategy)
    }

    /// How members sharing a discriminator value (or a union without one) are told apart:
    /// each member's *unique keys* are its required fields that no other candidate has at
    /// all. Members with unique keys are tried in spec order; the one member without any
    /// (or else the last member) is the fallback.
    private func keyChoice(
        _ names: [String], members: [String: UnionModel.Member], union: String
    ) throws -> UnionModel.KeyChoice {
        let definitions = try names.map { name -> Spec.TypeDefinition in
            guard let definition = spec.type(named: name) else {
                throw GeneratorError.unsupported("\(union): unknown member \(name)")
            }
            return definition
        }
        var checks: [(member: UnionModel.Member, keys: [String])] = []
        var keyless: [UnionModel.Member] = []
        for definition in definitions {
            let others = Set(definitions.filter { $0.name != definition.name }.flatMap { $0.fields.map(\.name) })
            let unique = definition.fields.filter { $0.isRequired && !others.contains($0.name) }.map(\.name)
            let member = members[definition.name]!
            if unique.isEmpty || definitions.count == 1 {
                keyless.append(member)
            } else {
                checks.append((member, unique))
            }
        }
        guard keyless.count <= 1 else {
            throw GeneratorError.unsupported("\(union): \(names) cannot be told apart by their keys")
        }
        if let fallback = keyless.first {
            return .init(checks: checks, fallback: fallback)
        }
        return .init(checks: Array(checks.dropLast()), fallback: checks[checks.count - 1].member)
    }

    private func describe(_ choice: UnionModel.KeyChoice) -> [String] {
        choice.checks.map { check in
            "- with " + check.keys.map { "`\($0)`" }.joined(separator: " or ") + " → `.\(check.member.caseName)`"
        } + ["- otherwise → `.\(choice.fallback.caseName)`"]
    }

    /// The discriminator of a union member: the spec's `const` on a `type`/`status`/`source`
    /// field, or else the override table; both present must agree.
    private func discriminator(
        of member: Spec.TypeDefinition, in union: String
    ) throws -> (field: String, value: String) {
        let fromSpec = member.fields.first {
            Overrides.discriminatorFieldNames.contains($0.name) && $0.constValue != nil
        }.map { (field: $0.name, value: $0.constValue!) }
        let fromOverride = Overrides.discriminators[member.name]
        if let fromSpec, let fromOverride, fromSpec != fromOverride {
            throw GeneratorError.unsupported(
                "\(member.name): override \(fromOverride) contradicts the spec's \(fromSpec)")
        }
        guard let result = fromSpec ?? fromOverride else {
            throw GeneratorError.unsupported(
                "\(union): member \(member.name) has no discriminator; add it to Overrides.discriminators")
        }
        guard member.fields.contains(where: { $0.name == result.field && $0.isRequired }) else {
            throw GeneratorError.unsupported("\(member.name): discriminator field \(result.field) is not a required field")
        }
        return result
    }

    /// Override entries naming types the spec lacks: harmless for generation, but a sign
    /// the table has gone stale (a type was renamed or removed).
    private static func unusedOverrides(in spec: Spec) -> [String] {
        let names = Set(Overrides.discriminators.keys).union(Overrides.stringShorthand.keys)
            .union(Overrides.lineBreakAfterMember.keys).union(Overrides.keyPresenceUnions)
            .union(Overrides.zeroDateUnions.keys)
        return names.filter { spec.type(named: $0) == nil }.sorted()
            .map { "override for \($0), which the spec does not define" }
    }

    /// Parameter struct names must not collide with type names or the hand-written types.
    private func checkNameCollisions() throws {
        let typeNames = Set(spec.types.map(\.name))
        for method in spec.methods {
            let name = Self.parametersTypeName(method.name)
            if typeNames.contains(name) {
                throw GeneratorError.unsupported("\(name) is both a type and a parameter struct")
            }
        }
        for type in spec.types {
            let properties = type.fields.map { Naming.camelCase($0.name) }
            if Set(properties).count != properties.count {
                throw GeneratorError.unsupported("\(type.name): two fields map to the same property name")
            }
        }
    }

    // MARK: - Catalogue

    /// The catalogue is emitted as a text table parsed once at first use, not as Swift
    /// literals: one function appending 180 descriptors built from ~900 array literals
    /// took the type checker seconds and the release optimizer tens of minutes.
    ///
    /// Table format, one method per unindented line and one parameter per indented line:
    /// ```
    /// sendMessage -> Message
    ///     chat_id: Integer | String, required
    ///     message_thread_id: Integer
    /// ```
    private func catalogue() -> String {
        var source = header()
        source.line()
        source.doc([
            "Every method of \(spec.version), in the spec's (documentation) order, as plain data:",
            "name, parameters (wire names, spec types, required or not) and result types.",
            "",
            "Look methods up with `MethodCatalogue.method(named:)`, which ignores case like the",
            "official server. Each method's decodable parameters are `<Name>Parameters`.",
        ])
        source.block("public enum MethodCatalogue {") { body in
            body.doc(["The spec version this catalogue was generated from."])
            body.line("public static let version = \"\(spec.version)\"")
            body.line()
            body.doc(["All \(spec.methods.count) methods in spec order, parsed from `table` on first use."])
            body.line("public static let all: [MethodDescriptor] = MethodDescriptor.parseTable(table)")
            body.line()
            body.doc([
                "`name -> Result | Other result`, then one indented line per parameter:",
                "`name: Type | Other type` with `, required` for required parameters.",
            ])
            body.line("static let table = \"\"\"")
            for method in spec.methods {
                body.line("\(method.name) -> \(method.returns.joined(separator: " | "))")
                for parameter in method.parameters {
                    body.line("    \(parameter.name): \(parameter.types.joined(separator: " | "))"
                        + (parameter.isRequired ? ", required" : ""))
                }
            }
            body.line("\"\"\"")
        }
        return source.text
    }

    /// Every type as plain data, in the catalogue's table format, for what describes the API
    /// at run time (the OpenAPI document): a struct's fields one per indented line, a union
    /// as `Name = Member | Member`.
    private func typeCatalogue() -> String {
        var source = header()
        source.line()
        source.doc([
            "Every type of \(spec.version) (and the unions the generator names), in the spec's",
            "order, as plain data: fields (wire names, spec types, required or not), or a union's",
            "members. Look types up with `TypeCatalogue.type(named:)`.",
        ])
        source.block("public enum TypeCatalogue {") { body in
            body.doc(["All \(spec.types.count) types in spec order, parsed from `table` on first use."])
            body.line("public static let all: [TypeDescriptor] = TypeDescriptor.parseTable(table)")
            body.line()
            body.doc([
                "`Name`, then one indented line per field (`name: Type | Other type`, `, required`),",
                "or `Name = Member | Member` for a union.",
            ])
            body.line("static let table = \"\"\"")
            for type in spec.types {
                if type.isUnion {
                    body.line("\(type.name) = \(type.subtypes.joined(separator: " | "))")
                    continue
                }
                body.line(type.name)
                for field in type.fields {
                    body.line("    \(field.name): \(field.types.joined(separator: " | "))" + (field.isRequired ? ", required" : ""))
                }
            }
            body.line("\"\"\"")
        }
        return source.text
    }

    // MARK: - Files

    private func header() -> SourceBuilder {
        var source = SourceBuilder()
        source.line("// Generated by botapi-generate from the Bot API spec (\(spec.version)). DO NOT EDIT BY HAND.")
        source.line("// To change it, change Sources/BotAPIGenerator and run `swift run botapi-generate`.")
        return source
    }

    /// `sendMessage` → `SendMessageParameters`.
    static func parametersTypeName(_ method: String) -> String {
        Naming.upperFirst(method) + "Parameters"
    }

    /// Splits sorted items into files of about `target` items, at first-letter boundaries:
    /// consecutive letters share a file until it holds at least `target` items (label `A`
    /// or `D-H`); a letter with more than `target` items is split evenly into numbered
    /// parts (`I1`, `I2`, `I3`). Adding an item only disturbs its own letter's files.
    static func buckets<Item>(
        _ items: [Item], by name: (Item) -> String, target: Int
    ) -> [(label: String, items: [Item])] {
        var byLetter: [(letter: String, items: [Item])] = []
        for item in items {
            let letter = name(item).prefix(1).uppercased()
            if byLetter.last?.letter == letter {
                byLetter[byLetter.count - 1].items.append(item)
            } else {
                byLetter.append((letter, [item]))
            }
        }
        var result: [(label: String, items: [Item])] = []
        var first = "", last = ""
        var pending: [Item] = []
        func flush() {
            guard !pending.isEmpty else { return }
            result.append((first == last ? first : "\(first)-\(last)", pending))
            pending = []
        }
        for group in byLetter {
            if group.items.count > target {
                flush()
                let parts = (group.items.count + target - 1) / target
                let size = (group.items.count + parts - 1) / parts
                for part in 0..<parts {
                    let slice = group.items[(part * size)..<min(group.items.count, (part + 1) * size)]
                    result.append(("\(group.letter)\(part + 1)", Array(slice)))
                }
                continue
            }
            if pending.isEmpty { first = group.letter }
            last = group.letter
            pending += group.items
            if pending.count >= target { flush() }
        }
        flush()
        return result
    }
}
