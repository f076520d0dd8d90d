import Engine
import Foundation
import Testing

/// `getTime` and `advanceTime` (admin, USER-API.md "Test controls"): the world's clock,
/// moved forward, with what became due happening at once.
@Suite struct WorldClockTests {
    private static func unixTime(_ answer: Answer) -> Int? {
        answer.resultObject["unix_time"] as? Int
    }

    @Test func advancingTheClockClosesADuePollAndMovesDates() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let start = try #require(Self.unixTime(try await client.admin("getTime")))
            #expect(start == Int(world.clock.now()))
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser()
            _ = try await client.user(user, "startBot", ["bot_id": "\(botID)"])
            _ = try await client.user(user, "getUpdates")
            let sent = try await client.bot(bot, "sendPoll", [
                "chat_id": "\(userID)", "question": "Lunch?", "options": #"["Yes","No"]"#, "open_period": "60",
            ])
            #expect(sent.ok, "\(sent.body)")

            let advanced = try await client.admin("advanceTime", ["seconds": "61"])
            #expect(Self.unixTime(advanced) == start + 61)
            #expect(Self.unixTime(try await client.admin("getTime")) == start + 61)
            // The poll closed during advanceTime itself: the user's queue already has it.
            let updates = try await client.user(user, "getUpdates", ["timeout": "0"])
            let closed = updates.resultArray.compactMap { $0["poll"] as? [String: Any] }.filter { $0["is_closed"] as? Bool == true }
            #expect(closed.count == 1)
            // New messages carry the world's time.
            let message = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "later"])
            #expect(message.resultObject["date"] as? Int == start + 61)
        }
    }

    @Test func aBanEndsWhenTheClockPassesItsUntilDate() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (_, botID) = try await client.createBot()
            let (owner, _) = try await client.createUser("Owner")
            let (_, memberID) = try await client.createUser("Member")
            let created = try await client.user(owner, "createChat", [
                "type": "supergroup", "title": "Team", "member_ids": "[\(botID), \(memberID)]",
            ])
            let chatID = try #require(created.resultObject["id"] as? Int, "createChat: \(created.body)")
            let now = try #require(Self.unixTime(try await client.admin("getTime")))
            let banned = try await client.user(owner, "banChatMember", [
                "chat_id": "\(chatID)", "user_id": "\(memberID)", "until_date": "\(now + 3600)",
            ])
            #expect(banned.ok, "\(banned.body)")
            @Sendable func status() async throws -> String? {
                try await client.user(owner, "getChatMember", ["chat_id": "\(chatID)", "user_id": "\(memberID)"]).resultObject["status"] as? String
            }
            #expect(try await status() == "kicked")
            _ = try await client.admin("advanceTime", ["seconds": "3601"])
            #expect(try await status() == "left")
        }
    }

    @Test func badAdvancesAreRefused() async throws {
        try await TestWorld().run { client in
            for (parameters, description) in [
                ([String: String](), "Bad Request: parameter \"seconds\" is required"),
                (["seconds": "0"], "Bad Request: seconds must be 1 to 316224000"),
                (["seconds": "-5"], "Bad Request: seconds must be 1 to 316224000"),
                (["seconds": "999999999999"], "Bad Request: seconds must be 1 to 316224000"),
                (["seconds": "soon"], "Bad Request: seconds must be 1 to 316224000"),
            ] {
                let answer = try await client.admin("advanceTime", parameters)
                #expect(answer.status == 400 && answer.description == description, "\(parameters)")
            }
        }
    }
}
