import Foundation
import Testing

/// Upgrading a basic group to a supergroup (issue 5).
@Suite struct UpgradeTests {
    @Test func theOldIdAnswersWithTheNewOne() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("move_bot", name: "Mover")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let oldID = try await ChatSetup.create(client, alice, members: [botID, bobID])

            let notOwner = try await client.user(bob, "upgradeChat", ["chat_id": "\(oldID)"])
            #expect(notOwner.description == "Bad Request: CHAT_ADMIN_REQUIRED")
            let upgraded = try await client.user(alice, "upgradeChat", ["chat_id": "\(oldID)"])
            let newID = try #require(upgraded.resultObject["id"] as? Int)
            #expect(upgraded.resultObject["type"] as? String == "supergroup")
            #expect(newID <= -1_000_000_000_000)

            let stale = try await client.bot(bot, "sendMessage", ["chat_id": "\(oldID)", "text": "hello"])
            #expect(stale.errorCode == 400 && stale.description == "Bad Request: group chat was upgraded to a supergroup chat")
            #expect((stale.json["parameters"] as? [String: Any])?["migrate_to_chat_id"] as? Int == newID)
            #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(newID)", "text": "hello"]).ok)

            let messages = ChatSetup.messages(try await ChatSetup.updates(client, bot: bot))
            #expect(messages.contains { $0["migrate_to_chat_id"] as? Int == newID && ($0["chat"] as? [String: Any])?["id"] as? Int == oldID })
            #expect(messages.contains { $0["migrate_from_chat_id"] as? Int == oldID && ($0["chat"] as? [String: Any])?["id"] as? Int == newID })

            // Members keep their place: the creator is still the creator.
            let owner = try await client.bot(bot, "getChatAdministrators", ["chat_id": "\(newID)"]).resultArray
            #expect(owner.first?["status"] as? String == "creator")
            #expect(try await client.user(bob, "getChat", ["chat_id": "\(newID)"]).ok)
        }
    }

    @Test func settingAUsernameUpgradesABasicGroup() async throws {
        try await TestWorld().run { client in
            let (alice, _) = try await client.createUser("Alice")
            let oldID = try await ChatSetup.create(client, alice, members: [])
            let answer = try await client.user(alice, "setChatUsername", ["chat_id": "\(oldID)", "username": "public_team"])
            #expect(answer.resultObject["type"] as? String == "supergroup")
            #expect(answer.resultObject["username"] as? String == "public_team")
            let byName = try await client.user(alice, "getChat", ["chat_id": "@public_team"])
            #expect(byName.resultObject["id"] as? Int == answer.resultObject["id"] as? Int)
            let old = try await client.user(alice, "getChat", ["chat_id": "\(oldID)"])
            #expect(old.description == "Bad Request: group chat was upgraded to a supergroup chat")
        }
    }
}
