import Foundation
import Testing

/// A user, their business bot and a customer who writes to the user.
struct BusinessSetup {
    let bot: String
    let botID: Int
    let owner: String
    let ownerID: Int
    let customer: String
    let customerID: Int
    /// The connection's id, as the bot learned it from `business_connection`.
    let connectionID: String
}

extension Client {
    /// A business bot (`can_connect_to_business`) connected by a user with `rights`, and a
    /// customer; the bot's queue is drained.
    func businessSetup(rights: String = #"{"can_reply":true}"#) async throws -> BusinessSetup {
        let created = try await admin("createBot", ["username": "shop_bot", "first_name": "Shop", "can_connect_to_business": "true"])
        try #require(created.ok, "\(created.body)")
        let bot = created.resultObject["token"] as? String ?? ""
        let botID = (created.resultObject["user"] as? [String: Any])?["id"] as? Int ?? 0
        let (owner, ownerID) = try await createUser("Olga", username: "olga_shop")
        let (customer, customerID) = try await createUser("Carl")
        let connected = try await user(owner, "connectBusinessBot", ["bot_id": "\(botID)", "rights": rights])
        try #require(connected.ok, "\(connected.body)")
        let updates = try await drainUpdates(bot: bot)
        let connection = try #require(updates.last?["business_connection"] as? [String: Any])
        return BusinessSetup(
            bot: bot, botID: botID, owner: owner, ownerID: ownerID, customer: customer, customerID: customerID,
            connectionID: connection["id"] as? String ?? "")
    }
}

/// Business connections: the user's connectBusinessBot / disconnectBusinessBot, the bot's
/// `business_connection` updates and getBusinessConnection (issue 14, item 4).
@Suite struct BusinessConnectionTests {
    @Test func onlyABotInBusinessModeCanBeConnected() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (user, _) = try await client.createUser()
            #expect(try await client.bot(bot, "getMe").resultObject["can_connect_to_business"] as? Bool == false)
            let refused = try await client.user(user, "connectBusinessBot", ["bot_id": "\(botID)"])
            #expect(refused.status == 400 && refused.description == "Bad Request: BOT_BUSINESS_MISSING")
            #expect(try await client.user(user, "connectBusinessBot", ["bot_username": "nobody_bot"]).description == "Bad Request: bot not found")

            let edited = try await client.admin("editBot", ["user_id": "\(botID)", "can_connect_to_business": "true"])
            #expect(edited.resultObject["can_connect_to_business"] as? Bool == true)
            #expect(try await client.bot(bot, "getMe").resultObject["can_connect_to_business"] as? Bool == true)
            #expect(try await client.user(user, "connectBusinessBot", ["bot_username": "@echo_bot"]).ok)
        }
    }

    @Test func theBotLearnsOfTheConnectionAndCanReadItBack() async throws {
        try await TestWorld().run { client in
            let created = try await client.admin("createBot", ["username": "shop_bot", "first_name": "Shop", "can_connect_to_business": "true"])
            let bot = created.resultObject["token"] as? String ?? ""
            let botID = (created.resultObject["user"] as? [String: Any])?["id"] as? Int ?? 0
            let (owner, ownerID) = try await client.createUser("Olga", username: "olga_shop")
            let rights = #"{"can_read_messages":true,"can_edit_bio":false,"can_manage_stories":true}"#
            let connected = try await client.user(owner, "connectBusinessBot", ["bot_id": "\(botID)", "rights": rights, "can_reply": "true"])
            #expect(connected.ok, "\(connected.body)")
            let id = connected.resultObject["id"] as? String ?? ""
            #expect(!id.isEmpty)

            let updates = try await client.drainUpdates(bot: bot)
            #expect(updates.count == 1)
            let update = try #require(updates.first?["business_connection"] as? [String: Any])
            let body = try await client.bot(bot, "getBusinessConnection", ["business_connection_id": id]).body
            let date = update["date"] as? Int ?? 0
            let expected = #"{"ok":true,"result":{"id":"\#(id)","user":{"id":\#(ownerID),"is_bot":false,"first_name":"Olga","username":"olga_shop"},"user_chat_id":\#(ownerID),"date":\#(date),"rights":{"can_reply":true,"can_read_messages":true,"can_manage_stories":true},"is_enabled":true}}"#
            #expect(body == expected)
            #expect(update["id"] as? String == id && update["is_enabled"] as? Bool == true)

            // Unknown ids, and another bot's connection, are not found.
            let (other, _) = try await client.createBot("other_bot", name: "Other")
            for (token, connection) in [(bot, "nope"), (other, id), (bot, "")] {
                let answer = try await client.bot(token, "getBusinessConnection", ["business_connection_id": connection])
                #expect(answer.status == 400 && answer.description == "Bad Request: business connection not found")
            }
        }
    }

    @Test func disconnectingDisablesAndConnectingAnotherBotReplaces() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup()
            let second = try await client.admin("createBot", ["username": "desk_bot", "first_name": "Desk", "can_connect_to_business": "true"])
            let secondBot = second.resultObject["token"] as? String ?? ""
            let secondID = (second.resultObject["user"] as? [String: Any])?["id"] as? Int ?? 0

            // Connecting another bot disconnects the first, which is told so.
            #expect(try await client.user(setup.owner, "connectBusinessBot", ["bot_id": "\(secondID)", "can_reply": "true"]).ok)
            let first = try await client.drainUpdates(bot: setup.bot)
            let disabled = try #require(first.last?["business_connection"] as? [String: Any])
            #expect(disabled["id"] as? String == setup.connectionID && disabled["is_enabled"] as? Bool == false)
            let read = try await client.bot(setup.bot, "getBusinessConnection", ["business_connection_id": setup.connectionID])
            #expect(read.resultObject["is_enabled"] as? Bool == false)
            let secondConnection = try #require(try await client.drainUpdates(bot: secondBot).last?["business_connection"] as? [String: Any])
            #expect(secondConnection["is_enabled"] as? Bool == true && secondConnection["id"] as? String != setup.connectionID)

            // Reconnecting the first bot keeps its connection id.
            #expect(try await client.user(setup.owner, "connectBusinessBot", ["bot_id": "\(setup.botID)"]).ok)
            let again = try #require(try await client.drainUpdates(bot: setup.bot).last?["business_connection"] as? [String: Any])
            // No rights granted: an empty rights object.
            #expect(again["id"] as? String == setup.connectionID && again["is_enabled"] as? Bool == true)
            #expect((again["rights"] as? [String: Any])?.isEmpty == true)

            #expect(try await client.user(setup.owner, "disconnectBusinessBot", ["bot_id": "\(setup.botID)"]).ok)
            let off = try #require(try await client.drainUpdates(bot: setup.bot).last?["business_connection"] as? [String: Any])
            #expect(off["is_enabled"] as? Bool == false)
            let twice = try await client.user(setup.owner, "disconnectBusinessBot", ["bot_id": "\(setup.botID)"])
            #expect(twice.description == "Bad Request: BOT_BUSINESS_MISSING")
        }
    }

    @Test func connectionsSurviveARestart() async throws {
        let world = try TestWorld()
        let setup = try await world.run { client in try await client.businessSetup() }
        try await world.restarted().run { client in
            let read = try await client.bot(setup.bot, "getBusinessConnection", ["business_connection_id": setup.connectionID])
            #expect(read.ok && read.resultObject["user_chat_id"] as? Int == setup.ownerID)
            #expect((read.resultObject["rights"] as? [String: Any])?["can_reply"] as? Bool == true)
        }
    }
}
