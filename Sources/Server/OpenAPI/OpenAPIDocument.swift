import BotAPI
import Engine
import Foundation

/// The OpenAPI 3.1 description of the three surfaces as served, at `GET /openapi.json`.
///
/// Built once from what the code generator wrote (`MethodCatalogue`, `TypeCatalogue`), so it
/// follows every Bot API version the generator is given, and from the methods each surface
/// serves. Bodies are described as JSON (the server also takes query strings, forms and
/// multipart uploads with the same names; files then go in multipart parts). Every answer
/// is the envelope: `{"ok":true,"result":…}` with the method's result type, or
/// `{"ok":false,"error_code":…,"description":…}`.
///
/// Methods of the user and admin surfaces that are not Bot API methods (USER-API.md) have
/// no machine-readable parameter list: their bodies are described as any JSON object.
/// Constraints of the spec (lengths, ranges) are not carried over.
enum OpenAPIDocument {
    /// The document's bytes, built on first use.
    static let bytes: [UInt8] = {
        let data = try? JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys, .withoutEscapingSlashes])
        return Array(data ?? Data())
    }()

    static func document() -> [String: Any] {
        var paths: [String: Any] = [:]
        for surface in Surface.allCases {
            for name in Engine.methodNames(on: surface) {
                paths["/\(surface.rawValue){\(tokenParameter(surface))}/\(name)"] = ["post": operation(name, on: surface)]
            }
        }
        var schemas: [String: Any] = [:]
        for type in TypeCatalogue.all { schemas[type.name] = schema(of: type) }
        schemas["InputFile"] = ["type": "string", "description": "A file_id, an HTTP URL, or attach://<part> naming a multipart part"]
        schemas["ResponseParameters"] = schemas["ResponseParameters"] ?? ["type": "object"]
        schemas["Error"] = [
            "type": "object", "required": ["ok", "error_code", "description"],
            "properties": [
                "ok": ["const": false], "error_code": ["type": "integer"], "description": ["type": "string"],
                "parameters": ["$ref": "#/components/schemas/ResponseParameters"],
            ],
        ]
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "botapi: a standalone Telegram Bot API server",
                "version": MethodCatalogue.version,
                "description": "The Bot API (/bot<token>/<method>), the user surface (/user<token>/<method>) and the admin surface (/admin<token>/<method>). See USER-API.md and docs/user-api-extensions.md for the user and admin methods.",
            ],
            "paths": paths,
            "components": ["schemas": schemas],
        ]
    }

    /// The token path parameter's name on `surface`: `bot_token`, `user_token`, `admin_token`.
    static func tokenParameter(_ surface: Surface) -> String { "\(surface.rawValue)_token" }

    private static func operation(_ name: String, on surface: Surface) -> [String: Any] {
        let descriptor = surface == .admin ? nil : MethodCatalogue.method(named: name)
        var body: [String: Any] = ["type": "object"]
        if let descriptor {
            var properties: [String: Any] = [:]
            for parameter in descriptor.parameters { properties[parameter.name] = schema(of: parameter.types) }
            body["properties"] = properties
            let required = descriptor.parameters.filter(\.isRequired).map(\.name)
            if !required.isEmpty { body["required"] = required }
        }
        let result: Any = descriptor.map { schema(of: $0.returns) } ?? [String: Any]()
        return [
            "operationId": "\(surface.rawValue)_\(name)",
            "tags": [surface.rawValue],
            "parameters": [[
                "name": tokenParameter(surface), "in": "path", "required": true, "schema": ["type": "string"],
            ]],
            "requestBody": ["required": false, "content": ["application/json": ["schema": body]]],
            "responses": [
                "200": [
                    "description": "The method's result",
                    "content": ["application/json": ["schema": [
                        "type": "object", "required": ["ok", "result"],
                        "properties": ["ok": ["const": true], "result": result],
                    ]]],
                ],
                "default": [
                    "description": "An error, in the official envelope",
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
                ],
            ],
        ]
    }

    private static func schema(of type: TypeDescriptor) -> [String: Any] {
        if type.isUnion { return schema(of: type.members) }
        var properties: [String: Any] = [:]
        for field in type.fields { properties[field.name] = schema(of: field.types) }
        var result: [String: Any] = ["type": "object", "properties": properties]
        let required = type.fields.filter(\.isRequired).map(\.name)
        if !required.isEmpty { result["required"] = required }
        return result
    }

    /// A spec type list: one schema, or `oneOf` (`anyOf` for unions that overlap, such as
    /// Integer or String: a JSON integer is never a string, but members of object unions
    /// may match several shapes).
    private static func schema(of types: [String]) -> [String: Any] {
        if types.count == 1 { return schema(of: types[0]) }
        return ["anyOf": types.map(schema(of:))]
    }

    private static func schema(of type: String) -> [String: Any] {
        if type.hasPrefix("Array of ") { return ["type": "array", "items": schema(of: String(type.dropFirst(9)))] }
        switch type {
        case "Integer": return ["type": "integer"]
        case "Float": return ["type": "number"]
        case "String": return ["type": "string"]
        case "Boolean": return ["type": "boolean"]
        case "True": return ["const": true]
        default: return ["$ref": "#/components/schemas/\(type)"]
        }
    }
}
