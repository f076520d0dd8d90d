import Engine
import Foundation
import Testing

/// `botapi serve --flood-limits`: Telegram's published sending limits, answered with the
/// official 429 envelope and Retry-After header; off by default.
@Suite struct FloodLimitsTests {
    private static func limitedWorld() throws -> TestWorld {
        var options = EngineOptions()
        options.floodLimits = true
        return try TestWorld(options: options)
    }

    @Test func aGroupTakesTwentyMessagesAMinuteThenTheBotIsToldWhenToRetry() async throws {
        let world = try Self.limitedWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot()
            let (owner, _) = try await client.createUser()
            let created = try await client.user(owner, "createChat", ["type": "supergroup", "title": "Team", "member_ids": "[\(botID)]"])
            let chatID = try #require(created.resultObject["id"] as? Int, "createChat: \(created.body)")
            for n in 1...20 {
                let sent = try await client.bot(bot, "sendMessage", ["chat_id": "\(chatID)", "text": "message \(n)"])
                #expect(sent.ok, "message \(n): \(sent.body)")
            }
            let refused = try await client.bot(bot, "sendMessage", ["chat_id": "\(chatID)", "text": "one too many"])
            // One message every 3 s comes back (the test's clock stands still meanwhile).
            #expect(refused.status == 429)
            #expect(refused.headers[.retryAfter] == "3")
            #expect(refused.body == #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}"#)
            world.clock.advance(by: 2)
            #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(chatID)", "text": "too early"]).description
                == "Too Many Requests: retry after 1")
            world.clock.advance(by: 1)
            #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(chatID)", "text": "after the wait"]).ok)
            // Nothing of the refused call reached the group.
            let history = try await client.user(owner, "getUpdates")
            let texts = history.resultArray.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
            #expect(texts.contains("after the wait") && !texts.contains("one too many") && !texts.contains("too early"))
        }
    }

    @Test func aPrivateChatAllowsAShortBurstAndOtherChatsAreNotHeldBack() async throws {
        try await Self.limitedWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (alice, aliceID) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            _ = try await client.user(alice, "startBot", ["bot_id": "\(botID)"])
            _ = try await client.user(bob, "startBot", ["bot_id": "\(botID)"])
            for n in 1...3 {
                #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(aliceID)", "text": "burst \(n)"]).ok)
            }
            let refused = try await client.bot(bot, "sendPhoto", ["chat_id": "\(aliceID)", "photo": "https://example.com/a.jpg"])
            #expect(refused.status == 429 && refused.description == "Too Many Requests: retry after 1")
            #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(bobID)", "text": "hello Bob"]).ok)
            // Reading and other calls are never limited.
            #expect(try await client.bot(bot, "getChat", ["chat_id": "\(aliceID)"]).ok)
        }
    }

    @Test func aCallRefusedForAnotherReasonUsesNoAllowance() async throws {
        try await Self.limitedWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser()
            _ = try await client.user(user, "startBot", ["bot_id": "\(botID)"])
            for _ in 1...5 {
                let empty = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": ""])
                #expect(empty.status == 400 && empty.description == "Bad Request: message text is empty")
            }
            for n in 1...3 {
                #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "still allowed \(n)"]).ok)
            }
        }
    }

    @Test func withoutTheOptionNothingIsLimited() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser()
            _ = try await client.user(user, "startBot", ["bot_id": "\(botID)"])
            for n in 1...40 {
                #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "fast \(n)"]).ok)
            }
        }
    }
}
