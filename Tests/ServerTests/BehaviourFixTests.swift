import Foundation
import Testing

/// Behaviour the libraries' live-bot suites showed wrong (issue 11, item 8). The menu
/// button's default is in BotSettingsTests, a stopped live location in MessageKindTests,
/// approving a member in InviteLinkTests.
@Suite struct BehaviourFixTests {
    @Test func pollsWithAnOpenPeriodCloseByThemselves() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let pair = try await client.chatPair()
            _ = try await client.drainUpdates(bot: pair.bot)
            let sent = try await client.bot(pair.bot, "sendPoll", [
                "chat_id": "\(pair.userID)", "question": "Lunch?", "options": #"["yes","no"]"#, "open_period": "30",
            ])
            let poll = try #require(sent.resultObject["poll"] as? [String: Any], "\(sent.body)")
            #expect(poll["is_closed"] as? Bool == false && poll["open_period"] as? Int == 30)
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            _ = try await client.drainUpdates(user: pair.user)

            world.clock.advance(by: 29)
            #expect(try await client.drainUpdates(bot: pair.bot).isEmpty)
            world.clock.advance(by: 1)
            // The next call finds the poll closed: the bot that sent it and the user hear so.
            let botUpdates = try await client.drainUpdates(bot: pair.bot)
            let closed = try #require(botUpdates.compactMap { $0["poll"] as? [String: Any] }.first, "\(botUpdates)")
            #expect(closed["id"] as? String == poll["id"] as? String && closed["is_closed"] as? Bool == true)
            let userPoll = try await client.drainUpdates(user: pair.user).compactMap { $0["poll"] as? [String: Any] }.first
            #expect(userPoll?["is_closed"] as? Bool == true)
            // Closed everywhere: stopping it again and answering it are refused.
            let stop = try await client.bot(pair.bot, "stopPoll", ["chat_id": "\(pair.userID)", "message_id": "\(messageID)"])
            #expect(stop.description == "Bad Request: poll has already been closed")
            // Only once.
            world.clock.advance(by: 60)
            #expect(try await client.drainUpdates(bot: pair.bot).isEmpty)
        }
    }

    @Test func pollsWithACloseDateCloseAfterARestart() async throws {
        let world = try TestWorld()
        let pair = try await world.run { client in
            let pair = try await client.chatPair()
            let closeDate = world.clock.now() + 10
            let sent = try await client.bot(pair.bot, "sendPoll", [
                "chat_id": "\(pair.userID)", "question": "Now?", "options": #"["a","b"]"#, "close_date": "\(closeDate)",
            ])
            #expect(sent.ok, "\(sent.body)")
            _ = try await client.drainUpdates(bot: pair.bot)
            return pair
        }
        world.clock.advance(by: 11)
        try await world.restarted().run { client in
            let updates = try await client.drainUpdates(bot: pair.bot)
            #expect(updates.compactMap { $0["poll"] as? [String: Any] }.first?["is_closed"] as? Bool == true, "\(updates)")
        }
    }

    @Test func peopleTypePhoneNumbersBotsDoNot() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let text = "call +1 234 567 8900 now"
            let byUser = try await client.user(pair.user, "sendMessage", ["chat_id": "\(pair.botID)", "text": text])
            let entities = try #require(byUser.resultObject["entities"] as? [[String: Any]], "\(byUser.body)")
            #expect(entities.count == 1 && entities.first?["type"] as? String == "phone_number")
            #expect(entities.first?["offset"] as? Int == 5 && entities.first?["length"] as? Int == 15)
            let byBot = try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(pair.userID)", "text": text])
            #expect(byBot.ok && byBot.resultObject["entities"] == nil)
        }
    }

    @Test func aPinnedMessageInAPrivateChatShowsInGetChat() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(pair.userID)", "text": "keep this"])
            let messageID = try #require(sent.resultObject["message_id"] as? Int)
            #expect(try await client.bot(pair.bot, "getChat", ["chat_id": "\(pair.userID)"]).resultObject["pinned_message"] == nil)
            #expect(try await client.bot(pair.bot, "pinChatMessage", ["chat_id": "\(pair.userID)", "message_id": "\(messageID)"]).ok)

            let byBot = try #require(
                try await client.bot(pair.bot, "getChat", ["chat_id": "\(pair.userID)"]).resultObject["pinned_message"] as? [String: Any])
            #expect(byBot["message_id"] as? Int == messageID && byBot["text"] as? String == "keep this")
            #expect((byBot["chat"] as? [String: Any])?["id"] as? Int == pair.userID)
            // The user sees it in their chat with the bot.
            let byUser = try #require(
                try await client.user(pair.user, "getChat", ["chat_id": "\(pair.botID)"]).resultObject["pinned_message"] as? [String: Any])
            #expect(byUser["message_id"] as? Int == messageID && (byUser["chat"] as? [String: Any])?["id"] as? Int == pair.botID)

            #expect(try await client.user(pair.user, "unpinChatMessage", ["chat_id": "\(pair.botID)"]).ok)
            #expect(try await client.bot(pair.bot, "getChat", ["chat_id": "\(pair.userID)"]).resultObject["pinned_message"] == nil)
        }
    }

    @Test func messagesWithALinkCarryItsPreviewOptions() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let chat = ["chat_id": "\(pair.userID)"]
            let linked = try await client.bot(pair.bot, "sendMessage", chat.merging(["text": "see https://example.org/a?b=1 and t.me"]) { $1 })
            let options = try #require(linked.resultObject["link_preview_options"] as? [String: Any], "\(linked.body)")
            #expect(options.count == 1 && options["url"] as? String == "https://example.org/a?b=1")
            let received = ChatSetup.messages(try await client.drainUpdates(user: pair.user)).last
            #expect((received?["link_preview_options"] as? [String: Any])?["url"] as? String == "https://example.org/a?b=1")

            let plain = try await client.bot(pair.bot, "sendMessage", chat.merging(["text": "no links here"]) { $1 })
            #expect(plain.ok && plain.resultObject["link_preview_options"] == nil)
            let disabled = try await client.bot(
                pair.bot, "sendMessage", chat.merging(["text": "https://example.org", "disable_web_page_preview": "true"]) { $1 })
            #expect(disabled.ok && disabled.resultObject["link_preview_options"] == nil)
            let given = try await client.bot(
                pair.bot, "sendMessage",
                chat.merging(["text": "https://example.org", "link_preview_options": #"{"prefer_small_media":true}"#]) { $1 })
            let kept = try #require(given.resultObject["link_preview_options"] as? [String: Any], "\(given.body)")
            #expect(kept.count == 1 && kept["prefer_small_media"] as? Bool == true)
        }
    }

    @Test func approvingSomeoneAlreadyInTheChatIsRefused() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot("gate_bot", name: "Gate")
            let (alice, _) = try await client.createUser("Alice")
            let (_, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [botID, bobID])
            try await ChatSetup.makeAdmin(world, chatID: chatID, accountID: botID, rights: ["can_invite_users"])
            let answer = try await client.bot(bot, "approveChatJoinRequest", ["chat_id": "\(chatID)", "user_id": "\(bobID)"])
            #expect(answer.description == "Bad Request: USER_ALREADY_PARTICIPANT")
        }
    }
}
