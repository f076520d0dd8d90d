/// One generated struct: a spec object type or a method's parameters.
struct StructModel {
    /// One stored field.
    struct Field {
        /// The spec (wire) name, e.g. `reply_to_message`; also the JSON key.
        var wireName: String
        /// The Swift property name, unescaped, e.g. `replyToMessage`.
        var property: String
        var type: SwiftType
        var isRequired: Bool
        /// A Swift literal the memberwise initialiser defaults this parameter to (the union
        /// discriminator's constant, e.g. `"creator"`).
        var defaultValue: String?
        /// A Swift literal a required field decodes to when its key is absent (see
        /// `Overrides.absentMeansDefault`); nil: an absent required field is an error.
        var absentValue: String?
        /// Documentation lines.
        var doc: [String]

        var escaped: String { Naming.escaped(property) }
        /// The private box of a boxed field: `_replyToMessage`.
        var storage: String { "_" + property }
        /// The box type of a boxed field, spelled out so the type checker need not infer it:
        /// `Indirect<Message>`.
        var box: String { "Indirect<\(type.name)>" }
        /// The declared Swift type, `?` included for optional fields.
        var declaredType: String { type.name + (isRequired ? "" : "?") }
    }

    var name: String
    var doc: [String]
    var fields: [Field]
    /// Member after which the writer breaks the line (Update's `update_id`).
    var lineBreakAfter: String?
    /// Field a bare JSON string decodes into (KeyboardButton's `text`).
    var stringShorthandField: String?
}

/// Emits a struct: properties (big ones boxed), a memberwise initialiser, explicit
/// `CodingKeys`, `init(from:)` and `writeJSON(to:)`.
///
/// Explicit rather than synthesized conformances, because:
/// - boxed fields are stored as `_name: Indirect<T>` but decoded and written as `name`;
/// - `init(from:)` must use only `decode(_:forKey:)` / `decodeIfPresent(_:forKey:)` in spec
///   order, which is all the server's lenient form-parameter decoder implements;
/// - `writeJSON` must follow the spec's field order and omit `nil`s.
enum StructEmitter {
    static func emit(_ model: StructModel, into source: inout SourceBuilder) {
        source.doc(model.doc)
        source.block("public struct \(model.name): Sendable, Equatable, Decodable, JSONWritable {") { body in
            if model.fields.isEmpty {
                emitEmptyBody(into: &body)
                return
            }
            emitProperties(model, into: &body)
            body.line()
            emitInitializer(model, into: &body)
            body.line()
            emitCodingKeys(model, into: &body)
            body.line()
            emitDecoder(model, into: &body)
            body.line()
            emitWriter(model, into: &body)
        }
    }

    /// Types without fields (`CallbackGame`, `ForumTopicClosed`…) are markers: any JSON
    /// decodes into them and they are written as `{}`.
    private static func emitEmptyBody(into source: inout SourceBuilder) {
        source.doc(["Creates the value (the type has no fields)."])
        source.line("public init() {}")
        source.line()
        source.doc(["Accepts any JSON value: the type has no fields to read."])
        source.line("public init(from decoder: any Decoder) throws {}")
        source.line()
        source.doc(["Writes `{}`."])
        source.block("public func writeJSON(to writer: inout JSONWriter) {") { body in
            body.line("writer.beginObject()")
            body.line("writer.endObject()")
        }
    }

    private static func emitProperties(_ model: StructModel, into source: inout SourceBuilder) {
        for field in model.fields {
            source.doc(field.doc)
            if !field.type.isBoxed {
                source.line("public var \(field.escaped): \(field.declaredType)")
                continue
            }
            source.block("public var \(field.escaped): \(field.declaredType) {") { accessor in
                if field.isRequired {
                    accessor.line("get { \(field.storage).value }")
                    accessor.line("set { \(field.storage) = \(field.box)(newValue) }")
                } else {
                    accessor.line("get { \(field.storage)?.value }")
                    accessor.line("set { \(field.storage) = newValue.map(\(field.box).init) }")
                }
            }
        }
        let boxed = model.fields.filter(\.type.isBoxed)
        guard !boxed.isEmpty else { return }
        source.line()
        source.line("// Storage of the struct-typed fields above, one pointer each (see `Indirect`).")
        for field in boxed {
            let optional = field.isRequired ? "" : "?"
            source.line("private var \(field.storage): \(field.box)\(optional)")
        }
    }

    private static func emitInitializer(_ model: StructModel, into source: inout SourceBuilder) {
        source.doc(["Creates a value from its fields; optional fields default to `nil`."])
        source.line("public init(")
        source.indented { parameters in
            for (index, field) in model.fields.enumerated() {
                var parameter = "\(field.escaped): \(field.declaredType)"
                if let defaultValue = field.defaultValue {
                    parameter += " = \(defaultValue)"
                } else if !field.isRequired {
                    parameter += " = nil"
                }
                parameters.line(parameter + (index == model.fields.count - 1 ? "" : ","))
            }
        }
        source.block(") {") { body in
            for field in model.fields {
                switch (field.type.isBoxed, field.isRequired) {
                case (false, _): body.line("self.\(field.escaped) = \(field.escaped)")
                case (true, true): body.line("self.\(field.storage) = \(field.box)(\(field.escaped))")
                case (true, false): body.line("self.\(field.storage) = \(field.escaped).map(\(field.box).init)")
                }
            }
        }
    }

    private static func emitCodingKeys(_ model: StructModel, into source: inout SourceBuilder) {
        source.block("private enum CodingKeys: String, CodingKey {") { body in
            for field in model.fields {
                body.line(field.property == field.wireName
                    ? "case \(field.escaped)"
                    : "case \(field.escaped) = \"\(field.wireName)\"")
            }
        }
    }

    private static func emitDecoder(_ model: StructModel, into source: inout SourceBuilder) {
        source.block("public init(from decoder: any Decoder) throws {") { body in
            if let shorthand = model.stringShorthandField,
               let field = model.fields.first(where: { $0.wireName == shorthand }) {
                // Only a DecodingError ("not an object") falls back to the string form, so a
                // decoder that signals "decode me as JSON" with its own error still can.
                body.line("let container: KeyedDecodingContainer<CodingKeys>")
                body.line("do {")
                body.indented { $0.line("container = try decoder.container(keyedBy: CodingKeys.self)") }
                body.line("} catch let error as DecodingError {")
                body.indented { branch in
                    branch.line("// A bare string is accepted too, as the official server does.")
                    branch.line("guard let text = try? decoder.singleValueContainer().decode(String.self) else { throw error }")
                    branch.line("self = \(model.name)(\(field.escaped): text)")
                    branch.line("return")
                }
                body.line("}")
            } else {
                body.line("let container = try decoder.container(keyedBy: CodingKeys.self)")
            }
            for field in model.fields {
                let call = field.isRequired && field.absentValue == nil ? "decode" : "decodeIfPresent"
                let decode = "try container.\(call)(\(field.type.name).self, forKey: .\(field.escaped))"
                    + (field.absentValue.map { " ?? \($0)" } ?? "")
                switch (field.type.isBoxed, field.isRequired) {
                case (false, _): body.line("self.\(field.escaped) = \(decode)")
                case (true, true): body.line("self.\(field.storage) = \(field.box)(\(decode))")
                case (true, false): body.line("self.\(field.storage) = \(decode).map(\(field.box).init)")
                }
            }
        }
    }

    private static func emitWriter(_ model: StructModel, into source: inout SourceBuilder) {
        source.block("public func writeJSON(to writer: inout JSONWriter) {") { body in
            body.line("writer.beginObject()")
            for field in model.fields {
                let value = field.type.isBoxed ? field.storage : field.escaped
                let call = field.isRequired ? "member" : "optionalMember"
                body.line("writer.\(call)(\"\(field.wireName)\", \(value))")
                if field.wireName == model.lineBreakAfter {
                    body.line("writer.breakLineAfterNextComma()")
                }
            }
            body.line("writer.endObject()")
        }
    }
}
