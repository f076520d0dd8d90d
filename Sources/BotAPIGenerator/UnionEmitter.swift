/// One generated union (a spec type with `subtypes`).
struct UnionModel {
    struct Member {
        /// Case name, unescaped: `owner`.
        var caseName: String
        /// Payload type: `ChatMemberOwner`, `String`, `[RichText]`.
        var payload: String
        /// Whether the payload is a generated struct (decoded with `Payload(from: decoder)`).
        var isStructure: Bool

        var escapedCase: String { Naming.escaped(caseName) }
    }

    /// Members told apart by which keys are present: each `check` member is chosen when the
    /// JSON contains any of its `keys`; otherwise `fallback` (whose decoding then reports
    /// what is missing).
    struct KeyChoice {
        var checks: [(member: Member, keys: [String])]
        var fallback: Member
    }

    enum Strategy {
        /// A string field names the member; members sharing a value are told apart by keys.
        case discriminator(field: String, values: [(value: String, choice: KeyChoice)])
        /// No discriminator field at all.
        case keyPresence(KeyChoice)
        /// `field == 0` selects `whenZero`.
        case zeroValue(field: String, whenZero: Member, otherwise: Member)
    }

    var name: String
    var doc: [String]
    /// All cases in spec order.
    var members: [Member]
    /// A member holding a bare JSON string, decoded before anything else.
    var plainString: Member?
    /// A member holding a JSON array of the union itself.
    var array: Member?
    var strategy: Strategy
}

/// Emits a union as an `indirect enum` (one pointer wide) with one case per member, a
/// decoder that picks the member the way the official server does, and a writer that
/// delegates to the member.
enum UnionEmitter {
    static func emit(_ model: UnionModel, into source: inout SourceBuilder) {
        source.doc(model.doc)
        source.block("public indirect enum \(model.name): Sendable, Equatable, Decodable, JSONWritable {") { body in
            for member in model.members {
                body.line("case \(member.escapedCase)(\(member.payload))")
            }
            body.line()
            emitCodingKeys(model, into: &body)
            body.line()
            emitDecoder(model, into: &body)
            body.line()
            body.block("public func writeJSON(to writer: inout JSONWriter) {") { writer in
                writer.line("switch self {")
                for member in model.members {
                    writer.line("case .\(member.escapedCase)(let value): value.writeJSON(to: &writer)")
                }
                writer.line("}")
            }
        }
    }

    /// The keys the decoder looks at, in order of first use.
    static func keys(of model: UnionModel) -> [String] {
        var keys: [String] = []
        func add(_ key: String) { if !keys.contains(key) { keys.append(key) } }
        func add(_ choice: UnionModel.KeyChoice) { choice.checks.forEach { $0.keys.forEach(add) } }
        switch model.strategy {
        case .discriminator(let field, let values):
            add(field)
            values.forEach { add($0.choice) }
        case .keyPresence(let choice):
            add(choice)
        case .zeroValue(let field, _, _):
            add(field)
        }
        return keys
    }

    private static func emitCodingKeys(_ model: UnionModel, into source: inout SourceBuilder) {
        source.block("private enum CodingKeys: String, CodingKey {") { body in
            for key in keys(of: model) {
                let name = Naming.camelCase(key)
                body.line(name == key ? "case \(Naming.escaped(name))" : "case \(Naming.escaped(name)) = \"\(key)\"")
            }
        }
    }

    private static func emitDecoder(_ model: UnionModel, into source: inout SourceBuilder) {
        source.block("public init(from decoder: any Decoder) throws {") { body in
            if model.plainString != nil || model.array != nil {
                // Objects first; only a DecodingError ("not an object") tries the other JSON
                // kinds, so a decoder that signals "decode me as JSON" with its own error can.
                body.line("let container: KeyedDecodingContainer<CodingKeys>")
                body.line("do {")
                body.indented { $0.line("container = try decoder.container(keyedBy: CodingKeys.self)") }
                body.line("} catch let error as DecodingError {")
                body.indented { branch in
                    if let plain = model.plainString {
                        branch.block("if let text = try? decoder.singleValueContainer().decode(String.self) {") { inner in
                            inner.line("self = .\(plain.escapedCase)(text)")
                            inner.line("return")
                        }
                    }
                    if let array = model.array {
                        branch.block("if (try? decoder.unkeyedContainer()) != nil {") { inner in
                            inner.line("self = .\(array.escapedCase)(try decoder.singleValueContainer().decode(\(array.payload).self))")
                            inner.line("return")
                        }
                    }
                    branch.line("throw error")
                }
                body.line("}")
            } else {
                body.line("let container = try decoder.container(keyedBy: CodingKeys.self)")
            }
            switch model.strategy {
            case .discriminator(let field, let values):
                let key = Naming.escaped(Naming.camelCase(field))
                body.line("let discriminator = try container.decode(String.self, forKey: .\(key))")
                body.line("switch discriminator {")
                for (value, choice) in values {
                    body.line("case \"\(value)\":")
                    body.indented { emitChoice(choice, into: &$0) }
                }
                body.line("default:")
                body.indented {
                    $0.line("throw DecodingError.dataCorruptedError(")
                    $0.line("    forKey: .\(key), in: container,")
                    $0.line("    debugDescription: \"unknown \(model.name) \(field) \\\"\\(discriminator)\\\"\")")
                }
                body.line("}")
            case .keyPresence(let choice):
                emitChoice(choice, into: &body)
            case .zeroValue(let field, let whenZero, let otherwise):
                let key = Naming.escaped(Naming.camelCase(field))
                body.line("if try container.decode(Int.self, forKey: .\(key)) == 0 {")
                body.indented { $0.line(assignment(whenZero)) }
                body.line("} else {")
                body.indented { $0.line(assignment(otherwise)) }
                body.line("}")
            }
        }
    }

    private static func emitChoice(_ choice: UnionModel.KeyChoice, into source: inout SourceBuilder) {
        guard !choice.checks.isEmpty else {
            source.line(assignment(choice.fallback))
            return
        }
        for (index, check) in choice.checks.enumerated() {
            let condition = check.keys
                .map { "container.contains(.\(Naming.escaped(Naming.camelCase($0))))" }
                .joined(separator: " || ")
            source.line((index == 0 ? "if " : "} else if ") + condition + " {")
            source.indented { $0.line(assignment(check.member)) }
        }
        source.line("} else {")
        source.indented { $0.line(assignment(choice.fallback)) }
        source.line("}")
    }

    private static func assignment(_ member: UnionModel.Member) -> String {
        "self = .\(member.escapedCase)(try \(member.payload)(from: decoder))"
    }
}
