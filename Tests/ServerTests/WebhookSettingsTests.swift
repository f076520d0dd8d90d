import Foundation
import Testing

/// setWebhook, deleteWebhook and getWebhookInfo answers (behaviour.md §4.1, §4.2, §4.6).
@Suite struct WebhookSettingsTests {
    @Test func setChangeAndDelete() async throws {
        try await TestWorld().run { client in
            let (bot, _) = try await client.createBot()
            let info = try await client.bot(bot, "getWebhookInfo")
            #expect(info.body == #"{"ok":true,"result":{"url":"","has_custom_certificate":false,"pending_update_count":0}}"#)
            let set = try await client.bot(bot, "setWebhook", ["url": "http://127.0.0.1:9/hook", "secret_token": "s3cr3t_-"])
            #expect(set.body == #"{"ok":true,"result":true,"description":"Webhook was set"}"#)
            try await Task.sleep(for: .milliseconds(1100))
            let again = try await client.bot(bot, "setWebhook", ["url": "http://127.0.0.1:9/hook", "secret_token": "s3cr3t_-"])
            #expect(again.description == "Webhook is already set")
            let shown = try await client.bot(bot, "getWebhookInfo").resultObject
            #expect(shown["url"] as? String == "http://127.0.0.1:9/hook")
            #expect(shown["max_connections"] as? Int == 40 && shown["ip_address"] as? String == "127.0.0.1")
            let polling = try await client.bot(bot, "getUpdates")
            #expect(polling.status == 409)
            #expect(polling.description == "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
            #expect(try await client.bot(bot, "deleteWebhook").description == "Webhook was deleted")
            #expect(try await client.bot(bot, "deleteWebhook").description == "Webhook is already deleted")
            #expect(try await client.bot(bot, "setWebhook", ["url": ""]).description == "Webhook is already deleted")
            #expect(try await client.bot(bot, "getUpdates").ok)
        }
    }

    @Test func secondSetWithinASecondIsRateLimited() async throws {
        try await TestWorld().run { client in
            let (bot, _) = try await client.createBot()
            #expect(try await client.bot(bot, "setWebhook", ["url": "http://127.0.0.1:9/a"]).ok)
            let limited = try await client.bot(bot, "setWebhook", ["url": "http://127.0.0.1:9/b"])
            #expect(limited.status == 429 && limited.description == "Too Many Requests: retry after 1")
            #expect((limited.json["parameters"] as? [String: Any])?["retry_after"] as? Int == 1)
            #expect(limited.headers[.retryAfter] == "1")
        }
    }

    @Test func invalidSettings() async throws {
        try await TestWorld().run { client in
            let (bot, _) = try await client.createBot()
            #expect(try await client.bot(bot, "setWebhook", ["url": "ftp://example.org"]).description == "Bad Request: invalid webhook URL specified")
            #expect(try await client.bot(bot, "setWebhook", ["url": "http://:80/"]).description == "Bad Request: invalid webhook URL specified")
            #expect(try await client.bot(bot, "setWebhook", ["url": "http://h:70000/"]).description == "Bad Request: invalid webhook URL specified")
            let long = try await client.bot(bot, "setWebhook", ["url": "http://127.0.0.1/", "secret_token": String(repeating: "a", count: 257)])
            #expect(long.description == "Bad Request: secret token is too long")
            let chars = try await client.bot(bot, "setWebhook", ["url": "http://127.0.0.1/", "secret_token": "a b"])
            #expect(chars.description == "Bad Request: secret token contains unallowed characters")
        }
    }

    @Test func settingAWebhookEndsAParkedPoll() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot()
            async let parked = client.bot(bot, "getUpdates", ["timeout": "20"])
            try await eventually { world.engine.hub.isParked(Int64(botID)) }
            #expect(try await client.bot(bot, "setWebhook", ["url": "http://127.0.0.1:9/"]).ok)
            let ended = try await parked
            #expect(ended.status == 409 && ended.description == "Conflict: terminated by setWebhook request")
        }
    }

    @Test func settingsPersistAndAllowedUpdatesShow() async throws {
        let world = try TestWorld()
        let bot = try await world.run { client in
            let (bot, _) = try await client.createBot()
            let set = try await client.bot(bot, "setWebhook", [
                "url": "https://example.org/hook", "max_connections": "500", "allowed_updates": #"["message"]"#,
            ])
            #expect(set.ok)
            return bot
        }
        try await world.restarted().run { client in
            let info = try await client.bot(bot, "getWebhookInfo").resultObject
            #expect(info["url"] as? String == "https://example.org/hook")
            #expect(info["max_connections"] as? Int == 100)
            #expect(info["allowed_updates"] as? [String] == ["message"])
            #expect(info["ip_address"] as? String == "<unknown>")
        }
    }

    /// behaviour.md §3.4: names match without case and are kept in the official order;
    /// unknown names are dropped, so a list of only unknown names means the default set;
    /// a value that is not an array of strings keeps the setting.
    @Test func allowedUpdatesAreMatchedWithoutCaseInTheOfficialOrder() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, _) = try await client.createBot()
            func allowed(after value: String) async throws -> [String]? {
                _ = try await client.bot(bot, "getUpdates", ["allowed_updates": value])
                return try await client.bot(bot, "getWebhookInfo").resultObject["allowed_updates"] as? [String]
            }
            #expect(try await allowed(after: #"["CHAT_MEMBER", "no_such_kind", "Message"]"#) == ["message", "chat_member"])
            #expect(try await allowed(after: #"["message", 1]"#) == ["message", "chat_member"])
            #expect(try await allowed(after: "not json") == ["message", "chat_member"])
            #expect(try await allowed(after: #"["no_such_kind"]"#) == nil)
        }
    }
}
