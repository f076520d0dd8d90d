import Foundation

/// One parameter of a Bot API method, as the spec lists it.
public struct ParameterDescriptor: Sendable, Equatable {
    /// The wire name, e.g. `chat_id`.
    public let name: String
    /// The spec type names, e.g. `["Integer", "String"]`, `["Array of MessageEntity"]`.
    /// More than one entry means the parameter accepts any of them.
    public let types: [String]
    /// Whether the method fails without it.
    public let isRequired: Bool

    public init(name: String, types: [String], isRequired: Bool) {
        self.name = name
        self.types = types
        self.isRequired = isRequired
    }

    /// Parses an indented line of a generated table: `    name: Type | Other, required`.
    init?(tableLine line: Substring) {
        var text = line.drop { $0 == " " }
        let isRequired = text.hasSuffix(", required")
        if isRequired { text = text.dropLast(", required".count) }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        self.init(
            name: String(text[..<colon]), types: text[text.index(colon, offsetBy: 2)...].components(separatedBy: " | "),
            isRequired: isRequired)
    }
}

/// One Bot API method, as the spec lists it. The generated `MethodCatalogue.all` holds one
/// per method, in the spec's order; the matching decodable parameter struct is
/// `<Name>Parameters` (e.g. `sendMessage` → `SendMessageParameters`).
public struct MethodDescriptor: Sendable, Equatable {
    /// The canonical name, e.g. `sendMessage`.
    public let name: String
    /// The parameters in the spec's order.
    public let parameters: [ParameterDescriptor]
    /// The spec types of the result, e.g. `["Message"]` or `["Message", "Boolean"]`.
    public let returns: [String]

    public init(name: String, parameters: [ParameterDescriptor], returns: [String]) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
    }

    /// The parameter called `name` (exact, case-sensitive match), if any.
    public func parameter(named name: String) -> ParameterDescriptor? {
        parameters.first { $0.name == name }
    }
}

extension MethodCatalogue {
    /// Methods keyed by lower-cased name: the official server matches method names
    /// case-insensitively (`/bot<token>/SENDMESSAGE` works).
    private static let byLowercasedName: [String: MethodDescriptor] =
        Dictionary(all.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })

    /// The method called `name`, ignoring case; `nil` for an unknown method.
    public static func method(named name: String) -> MethodDescriptor? {
        byLowercasedName[name.lowercased()]
    }
}

extension MethodDescriptor {
    /// Parses the generated catalogue table (see `MethodCatalogue.table`):
    ///
    /// ```
    /// sendMessage -> Message
    ///     chat_id: Integer | String, required
    ///     message_thread_id: Integer
    /// ```
    ///
    /// The generator writes the table and a test checks the parsed catalogue, so the
    /// parser trusts its input.
    static func parseTable(_ table: String) -> [MethodDescriptor] {
        var methods: [MethodDescriptor] = []
        var name = ""
        var returns: [String] = []
        var parameters: [ParameterDescriptor] = []
        func finish() {
            if !name.isEmpty {
                methods.append(MethodDescriptor(name: name, parameters: parameters, returns: returns))
            }
            parameters = []
        }
        for line in table.split(separator: "\n") {
            if line.hasPrefix(" ") {
                if let parameter = ParameterDescriptor(tableLine: line) { parameters.append(parameter) }
            } else {
                finish()
                let parts = line.components(separatedBy: " -> ")
                name = parts[0]
                returns = parts.count > 1 ? parts[1].components(separatedBy: " | ") : []
            }
        }
        finish()
        return methods
    }
}
