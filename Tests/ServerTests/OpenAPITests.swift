import Foundation
import Testing

/// `GET /openapi.json`: the OpenAPI 3.1 description of the surfaces as served.
@Suite struct OpenAPITests {
    @Test func describesEverySurfaceFromTheSpec() async throws {
        try await TestWorld().run { client in
            let answer = try await client.request("/openapi.json", method: .get)
            #expect(answer.status == 200)
            #expect(answer.contentType == "application/json")
            let document = answer.json
            #expect(document["openapi"] as? String == "3.1.0")
            #expect((document["info"] as? [String: Any])?["version"] as? String == "Bot API 10.3")
            let paths = try #require(document["paths"] as? [String: Any])
            let botPaths = paths.keys.filter { $0.hasPrefix("/bot{bot_token}/") }
            #expect(botPaths.count >= 130)
            #expect(paths["/bot{bot_token}/editEphemeralMessageText"] != nil)
            #expect(paths["/user{user_token}/sendCallbackQuery"] != nil)
            #expect(paths["/admin{admin_token}/createBot"] != nil)
            // A Bot API method: its parameters, which are required, and its result type.
            let send = try #require((paths["/bot{bot_token}/sendMessage"] as? [String: Any])?["post"] as? [String: Any])
            let body = try #require(((((send["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
                as? [String: Any])?["schema"]) as? [String: Any])
            #expect(Set(body["required"] as? [String] ?? []) == ["chat_id", "text"])
            let properties = body["properties"] as? [String: Any] ?? [:]
            #expect((properties["chat_id"] as? [String: Any])?["anyOf"] != nil)
            #expect((properties["ephemeral_message_parameters"] as? [String: Any])?["$ref"] as? String
                == "#/components/schemas/EphemeralMessageParameters")
            let ok = try #require(((((send["responses"] as? [String: Any])?["200"] as? [String: Any])?["content"] as? [String: Any])?[
                "application/json"] as? [String: Any])?["schema"] as? [String: Any])
            #expect(((ok["properties"] as? [String: Any])?["result"] as? [String: Any])?["$ref"] as? String == "#/components/schemas/Message")
            // Every type, with its required fields; unions as their members.
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let message = try #require(schemas["Message"] as? [String: Any])
            #expect(Set(message["required"] as? [String] ?? []).isSuperset(of: ["message_id", "date", "chat"]))
            let member = try #require(schemas["ChatMember"] as? [String: Any])
            #expect((member["anyOf"] as? [[String: Any]])?.count == 6)
            #expect(schemas["InputRichMedia"] != nil)
        }
    }
}
