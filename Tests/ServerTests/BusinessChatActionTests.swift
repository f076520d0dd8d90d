import Foundation
import Testing

/// The rest of what a business bot does in the account's chats with `business_connection_id`:
/// pinning, stopping polls and live locations, games, and the buttons of its messages
/// reaching it as callback queries (issue 14, item 4).
@Suite struct BusinessChatActionTests {
    /// The customer writes first, so the account has a chat with them; queues are drained.
    func customerWrites(_ client: Client, _ setup: BusinessSetup) async throws -> Int {
        let sent = try await client.user(setup.customer, "sendMessage", ["chat_id": "\(setup.ownerID)", "text": "Hello shop"])
        try #require(sent.ok, "\(sent.body)")
        _ = try await client.drainUpdates(bot: setup.bot)
        _ = try await client.drainUpdates(user: setup.owner)
        _ = try await client.drainUpdates(user: setup.customer)
        return sent.resultObject["message_id"] as? Int ?? 0
    }

    /// The bot's call for the account in its chat with the customer.
    func forAccount(_ client: Client, _ setup: BusinessSetup, _ method: String, _ parameters: [String: String] = [:]) async throws -> Answer {
        try await client.bot(setup.bot, method, parameters.merging([
            "business_connection_id": setup.connectionID, "chat_id": "\(setup.customerID)",
        ]) { given, _ in given })
    }

    func expectRefusal(_ answer: Answer, _ description: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(answer.status == 400 && answer.description == description, "\(answer.body)", sourceLocation: sourceLocation)
    }

    /// The first update of `kind` in `bot`'s queue, polling briefly while a call waits.
    func firstUpdate(_ client: Client, bot: String, kind: String) async throws -> [String: Any] {
        for _ in 0..<20 {
            let updates = try await client.bot(bot, "getUpdates", ["timeout": "1", "allowed_updates": "[\"\(kind)\"]"]).resultArray
            if let found = updates.compactMap({ $0[kind] as? [String: Any] }).first { return found }
        }
        return [:]
    }

    @Test func theBotPinsAndUnpinsForTheAccount() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup()
            let asked = try await customerWrites(client, setup)
            let pinned = try await forAccount(client, setup, "pinChatMessage", ["message_id": "\(asked)"])
            #expect(pinned.ok, "\(pinned.body)")
            // Both parties' chat shows the pin; the bot's own chat with the customer has none.
            let ownerView = try await client.user(setup.owner, "getChat", ["chat_id": "\(setup.customerID)"]).resultObject
            #expect((ownerView["pinned_message"] as? [String: Any])?["message_id"] as? Int == asked)
            let customerView = try await client.user(setup.customer, "getChat", ["chat_id": "\(setup.ownerID)"]).resultObject
            #expect((customerView["pinned_message"] as? [String: Any])?["text"] as? String == "Hello shop")

            expectRefusal(try await forAccount(client, setup, "pinChatMessage", ["message_id": "999"]), "Bad Request: message to pin not found")
            expectRefusal(try await forAccount(client, setup, "unpinChatMessage", ["message_id": "999"]),
                          "Bad Request: message to unpin not found")
            expectRefusal(try await forAccount(client, setup, "pinChatMessage", ["message_id": "\(asked)", "business_connection_id": "nope"]),
                          "Bad Request: business connection not found")
            #expect(try await forAccount(client, setup, "unpinChatMessage", ["message_id": "\(asked)"]).ok)
            let after = try await client.user(setup.owner, "getChat", ["chat_id": "\(setup.customerID)"]).resultObject
            #expect(after["pinned_message"] == nil)
        }
    }

    @Test func pinningNeedsTheRightToReply() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup(rights: #"{"can_read_messages":true}"#)
            let asked = try await customerWrites(client, setup)
            expectRefusal(try await forAccount(client, setup, "pinChatMessage", ["message_id": "\(asked)"]),
                          "Bad Request: BOT_ACCESS_FORBIDDEN")
        }
    }

    @Test func theBotStopsAPollItSentForTheAccount() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup()
            _ = try await customerWrites(client, setup)
            let sent = try await forAccount(client, setup, "sendPoll", ["question": "Which size?", "options": #"["S","M","L"]"#])
            try #require(sent.ok, "\(sent.body)")
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            _ = try await client.drainUpdates(user: setup.customer)
            _ = try await client.drainUpdates(user: setup.owner)

            let stopped = try await forAccount(client, setup, "stopPoll", ["message_id": "\(messageID)"])
            #expect(stopped.ok, "\(stopped.body)")
            #expect(stopped.resultObject["is_closed"] as? Bool == true && stopped.resultObject["question"] as? String == "Which size?")
            // The customer and the account both see the poll closed.
            for user in [setup.customer, setup.owner] {
                let polls = try await client.drainUpdates(user: user).compactMap { $0["poll"] as? [String: Any] }
                #expect(polls.last?["is_closed"] as? Bool == true)
            }
            expectRefusal(try await forAccount(client, setup, "stopPoll", ["message_id": "\(messageID)"]),
                          "Bad Request: poll has already been closed")
            // Without the connection the bot has no such chat with the customer.
            let plain = try await client.bot(setup.bot, "stopPoll", ["chat_id": "\(setup.customerID)", "message_id": "\(messageID)"])
            #expect(!plain.ok)
        }
    }

    @Test func theBotStopsALiveLocationItSharedForTheAccount() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup()
            _ = try await customerWrites(client, setup)
            let sent = try await forAccount(client, setup, "sendLocation", ["latitude": "52.5", "longitude": "13.4", "live_period": "600"])
            try #require(sent.ok, "\(sent.body)")
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            let moved = try await forAccount(client, setup, "editMessageLiveLocation", [
                "message_id": "\(messageID)", "latitude": "52.51", "longitude": "13.41",
            ])
            #expect(moved.ok, "\(moved.body)")
            #expect(moved.resultObject["business_connection_id"] as? String == setup.connectionID)
            #expect(try await forAccount(client, setup, "stopMessageLiveLocation", ["message_id": "\(messageID)"]).ok)
            // A stopped live location stays one that can't be edited.
            expectRefusal(try await forAccount(client, setup, "stopMessageLiveLocation", ["message_id": "\(messageID)"]),
                          "Bad Request: message can't be edited")
        }
    }

    @Test func aGameSentForTheAccountAsksTheBotForItsURL() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup()
            _ = try await customerWrites(client, setup)
            #expect(try await client.admin("createGame", ["bot_id": "\(setup.botID)", "short_name": "golf", "title": "Golf", "description": "Putting"]).ok)
            let sent = try await forAccount(client, setup, "sendGame", ["game_short_name": "golf"])
            try #require(sent.ok, "\(sent.body)")
            #expect((sent.resultObject["from"] as? [String: Any])?["id"] as? Int == setup.ownerID)
            #expect((sent.resultObject["game"] as? [String: Any])?["title"] as? String == "Golf")
            let messageID = sent.resultObject["message_id"] as? Int ?? 0

            async let pressed = client.user(setup.customer, "sendCallbackQuery", ["chat_id": "\(setup.ownerID)", "message_id": "\(messageID)"])
            let query = try await firstUpdate(client, bot: setup.bot, kind: "callback_query")
            #expect(query["game_short_name"] as? String == "golf")
            let message = query["message"] as? [String: Any] ?? [:]
            #expect(message["message_id"] as? Int == messageID && message["business_connection_id"] as? String == setup.connectionID)
            #expect((message["chat"] as? [String: Any])?["id"] as? Int == setup.customerID)
            #expect(try await client.bot(setup.bot, "answerCallbackQuery", [
                "callback_query_id": query["id"] as? String ?? "", "url": "https://example.com/golf",
            ]).ok)
            #expect(try await pressed.resultObject["url"] as? String == "https://example.com/golf")
        }
    }

    @Test func callbackButtonsOfBusinessMessagesReachTheBot() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup()
            _ = try await customerWrites(client, setup)
            let markup = #"{"inline_keyboard":[[{"text":"Order","callback_data":"order"}]]}"#
            let sent = try await forAccount(client, setup, "sendMessage", ["text": "Shall I order?", "reply_markup": markup])
            try #require(sent.ok, "\(sent.body)")
            let messageID = sent.resultObject["message_id"] as? Int ?? 0

            async let pressed = client.user(setup.customer, "sendCallbackQuery", [
                "chat_id": "\(setup.ownerID)", "message_id": "\(messageID)", "data": "order",
            ])
            let query = try await firstUpdate(client, bot: setup.bot, kind: "callback_query")
            #expect(query["data"] as? String == "order")
            #expect((query["from"] as? [String: Any])?["id"] as? Int == setup.customerID)
            #expect((query["message"] as? [String: Any])?["business_connection_id"] as? String == setup.connectionID)
            #expect(try await client.bot(setup.bot, "answerCallbackQuery", ["callback_query_id": query["id"] as? String ?? "", "text": "Ordered"]).ok)
            #expect(try await pressed.resultObject["text"] as? String == "Ordered")

            // Once the account disconnects the bot, its buttons lead nowhere.
            #expect(try await client.user(setup.owner, "disconnectBusinessBot", ["bot_id": "\(setup.botID)"]).ok)
            expectRefusal(try await client.user(setup.customer, "sendCallbackQuery", [
                "chat_id": "\(setup.ownerID)", "message_id": "\(messageID)", "data": "order",
            ]), "Bad Request: DATA_INVALID")
        }
    }
}
