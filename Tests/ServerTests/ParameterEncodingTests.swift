import Foundation
import Testing

/// The four parameter encodings and their merging rules (behaviour.md §1.5,
/// realclients/README.md §1), seen through sendMessage's answers.
@Suite struct ParameterEncodingTests {
    /// A bot and a user who started it.
    static func conversation(_ client: Client) async throws -> (bot: String, user: String, userID: Int, botID: Int) {
        let (bot, botID) = try await client.createBot()
        let (user, userID) = try await client.createUser()
        let started = try await client.user(user, "startBot", ["bot_id": "\(botID)"])
        try #require(started.ok, "\(started.body)")
        return (bot, user, userID, botID)
    }

    @Test func queryStringWinsOverBody() async throws {
        try await TestWorld().run { client in
            let c = try await Self.conversation(client)
            let answer = try await client.request(
                "/bot\(c.bot)/sendMessage?text=from+query&chat_id=\(c.userID)", contentType: "application/x-www-form-urlencoded",
                body: "text=from%20body")
            #expect(answer.resultObject["text"] as? String == "from query")
        }
    }

    @Test func jsonBodiesTakeNativeNestedValuesAndIgnoreNull() async throws {
        try await TestWorld().run { client in
            let c = try await Self.conversation(client)
            let body = """
                {"chat_id": \(c.userID), "text": "hi", "parse_mode": null,
                 "reply_markup": {"inline_keyboard": [[{"text": "Press", "callback_data": "p:1"}]]}}
                """
            let answer = try await client.request("/bot\(c.bot)/sendMessage", contentType: "application/json", body: body)
            #expect(answer.ok, "\(answer.body)")
            let markup = answer.resultObject["reply_markup"] as? [String: Any]
            let button = ((markup?["inline_keyboard"] as? [[[String: Any]]])?.first?.first) ?? [:]
            #expect(button["callback_data"] as? String == "p:1")
        }
    }

    @Test func malformedJSONBodiesKeepWhatWasRead() async throws {
        try await TestWorld().run { client in
            let c = try await Self.conversation(client)
            let answer = try await client.request(
                "/bot\(c.bot)/sendMessage", contentType: "application/json", body: #"{"chat_id": \#(c.userID), "text": "#)
            #expect(answer.status == 400 && answer.description == "Bad Request: message text is empty")
        }
    }

    @Test func jsonTextInsideFormFieldsAndPythonBooleans() async throws {
        try await TestWorld().run { client in
            let c = try await Self.conversation(client)
            // telebot style: everything in the query string, True/False, null members.
            let entities = #"[{"type": "bold", "offset": 0, "length": 4, "url": null, "user": null, "language": null}]"#
            let query = "chat_id=\(c.userID)&text=bold+text&disable_notification=True&entities=\(Client.escape(entities))"
            let answer = try await client.request("/bot\(c.bot)/sendMessage?\(query)", method: .get)
            #expect(answer.ok, "\(answer.body)")
            let first = (answer.resultObject["entities"] as? [[String: Any]])?.first
            #expect(first?["type"] as? String == "bold" && first?["length"] as? Int == 4)
        }
    }

    @Test func multipartWithUnquotedFilenamesAndTextParts() async throws {
        try await TestWorld().run { client in
            let c = try await Self.conversation(client)
            let body = [
                "--XyZ", "Content-Disposition: form-data; name=\"chat_id\"", "Content-Type: text/plain; charset=utf-8", "", "\(c.userID)",
                "--XyZ", "Content-Disposition: form-data; name=text", "", "multi\r\nline",
                "--XyZ", "Content-Disposition: form-data; name=\"doc\"; filename=notes.txt", "", "file bytes",
                "--XyZ--", "",
            ].joined(separator: "\r\n")
            let answer = try await client.request("/bot\(c.bot)/sendMessage", contentType: "multipart/form-data; boundary=XyZ", body: body)
            #expect(answer.ok, "\(answer.body)")
            // Carriage returns are removed from texts, as TDLib does.
            #expect(answer.resultObject["text"] as? String == "multi\nline")
        }
    }

    @Test func emptyBodiesWithAndWithoutContentType() async throws {
        try await TestWorld().run { client in
            let (bot, _) = try await client.createBot()
            #expect(try await client.request("/bot\(bot)/getMe", body: "").ok)
            #expect(try await client.request("/bot\(bot)/getMe", contentType: "application/x-www-form-urlencoded", body: "").ok)
            #expect(try await client.request("/bot\(bot)/getMe", method: .get, contentType: "application/x-www-form-urlencoded", body: "a=b").ok)
        }
    }

    @Test func longRequestLinesOverRealSockets() async throws {
        try await TestWorld().run(.live) { client in
            let c = try await Self.conversation(client)
            // telebot sends text in the URL: 4096 Cyrillic letters are ~24.7 KB escaped; go to 64 KiB.
            let text = String(repeating: "Ж", count: 4096)
            let padding = String(repeating: "a", count: 64 * 1024 - 24_700)
            let answer = try await client.request(
                "/bot\(c.bot)/sendMessage?chat_id=\(c.userID)&text=\(Client.escape(text))&pad=\(padding)", method: .get)
            #expect(answer.ok, "\(answer.status) \(answer.body.prefix(200))")
            #expect((answer.resultObject["text"] as? String)?.count == 4096)
        }
    }
}
