import Foundation
import Testing

/// Forum topics (issue 5).
@Suite struct ForumTopicTests {
    @Test func everySendMethodPostsIntoATopic() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [bobID], forum: true)
            let topic = try await client.user(alice, "createForumTopic", ["chat_id": "\(chatID)", "name": "Bugs"])
            let threadID = try #require(topic.resultObject["message_thread_id"] as? Int)
            let thread = ["chat_id": "\(chatID)", "message_thread_id": "\(threadID)"]
            let original = try await client.user(bob, "sendMessage", thread.merging(["text": "crash"]) { $1 })
            let sends: [(String, [String: String])] = [
                ("sendDice", [:]),
                ("sendLocation", ["latitude": "51.5", "longitude": "-0.12"]),
                ("sendContact", ["phone_number": "+15550100", "first_name": "Ann"]),
                ("sendPoll", ["question": "Fixed?", "options": "[\"yes\",\"no\"]"]),
                ("forwardMessage", ["from_chat_id": "\(chatID)", "message_id": "\(original.resultObject["message_id"] as? Int ?? 0)"]),
            ]
            for (method, parameters) in sends {
                let sent = try await client.user(alice, method, thread.merging(parameters) { $1 })
                #expect(sent.resultObject["message_thread_id"] as? Int == threadID, "\(method): \(sent.body)")
                #expect(sent.resultObject["is_topic_message"] as? Bool == true, "\(method)")
            }
            let copied = try await client.user(alice, "copyMessage", thread.merging([
                "from_chat_id": "\(chatID)", "message_id": "\(original.resultObject["message_id"] as? Int ?? 0)",
            ]) { $1 })
            let copyID = try #require(copied.resultObject["message_id"] as? Int)
            let bobSees = ChatSetup.messages(try await ChatSetup.userUpdates(client, bob))
            #expect(bobSees.first { $0["message_id"] as? Int == copyID }?["message_thread_id"] as? Int == threadID)
        }
    }

    @Test func topicsCarryTheirMessages() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot("topic_bot", name: "Topics")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [botID, bobID], forum: true)

            let refused = try await client.bot(bot, "createForumTopic", ["chat_id": "\(chatID)", "name": "Bugs"])
            #expect(refused.description == "Bad Request: not enough rights to create a topic")
            try await ChatSetup.makeAdmin(world, chatID: chatID, accountID: botID, rights: ["can_manage_topics"])
            let topic = try await client.bot(bot, "createForumTopic", ["chat_id": "\(chatID)", "name": "Bugs"])
            let threadID = try #require(topic.resultObject["message_thread_id"] as? Int)
            #expect(topic.resultObject["icon_color"] as? Int == 7_322_096)

            let created = ChatSetup.messages(try await ChatSetup.userUpdates(client, bob)).last
            #expect((created?["forum_topic_created"] as? [String: Any])?["name"] as? String == "Bugs")
            #expect(created?["message_id"] as? Int == threadID && created?["message_thread_id"] as? Int == threadID)

            let inTopic = try await client.user(bob, "sendMessage", ["chat_id": "\(chatID)", "text": "crash", "message_thread_id": "\(threadID)"])
            #expect(inTopic.resultObject["message_thread_id"] as? Int == threadID)
            #expect(inTopic.resultObject["is_topic_message"] as? Bool == true)
            let general = try await client.user(bob, "sendMessage", ["chat_id": "\(chatID)", "text": "hi"])
            #expect(general.ok && general.resultObject["message_thread_id"] == nil)
            for unknown in ["1", "999"] {
                let missing = try await client.user(bob, "sendMessage", ["chat_id": "\(chatID)", "text": "x", "message_thread_id": unknown])
                #expect(missing.description == "Bad Request: message thread not found")
            }

            #expect(try await client.bot(bot, "closeForumTopic", ["chat_id": "\(chatID)", "message_thread_id": "\(threadID)"]).ok)
            let closed = try await client.user(bob, "sendMessage", ["chat_id": "\(chatID)", "text": "x", "message_thread_id": "\(threadID)"])
            #expect(closed.description == "Bad Request: TOPIC_CLOSED")
            let twice = try await client.bot(bot, "closeForumTopic", ["chat_id": "\(chatID)", "message_thread_id": "\(threadID)"])
            #expect(twice.description == "Bad Request: TOPIC_NOT_MODIFIED")
            #expect(try await client.bot(bot, "reopenForumTopic", ["chat_id": "\(chatID)", "message_thread_id": "\(threadID)"]).ok)
            #expect(try await client.bot(bot, "editForumTopic", ["chat_id": "\(chatID)", "message_thread_id": "\(threadID)", "name": "Crashes"]).ok)
            let edited = ChatSetup.messages(try await ChatSetup.userUpdates(client, bob)).last
            #expect((edited?["forum_topic_edited"] as? [String: Any])?["name"] as? String == "Crashes")

            #expect(try await client.bot(bot, "hideGeneralForumTopic", ["chat_id": "\(chatID)"]).ok)
            let hidden = try await client.user(bob, "sendMessage", ["chat_id": "\(chatID)", "text": "x"])
            #expect(hidden.description == "Bad Request: TOPIC_CLOSED")
            #expect(try await client.bot(bot, "unhideGeneralForumTopic", ["chat_id": "\(chatID)"]).ok)
            #expect(try await client.bot(bot, "reopenGeneralForumTopic", ["chat_id": "\(chatID)"]).ok)
            #expect(try await client.bot(bot, "editGeneralForumTopic", ["chat_id": "\(chatID)", "name": "Lobby"]).ok)

            // The world's topic icons (StickerTests covers them).
            #expect(!(try await client.bot(bot, "getForumTopicIconStickers").resultArray.isEmpty))
            let noDelete = try await client.bot(bot, "deleteForumTopic", ["chat_id": "\(chatID)", "message_thread_id": "\(threadID)"])
            #expect(noDelete.description == "Bad Request: not enough rights to delete the topic")
            #expect(try await client.user(alice, "deleteForumTopic", ["chat_id": "\(chatID)", "message_thread_id": "\(threadID)"]).ok)
            let gone = try await client.user(bob, "sendMessage", ["chat_id": "\(chatID)", "text": "x", "message_thread_id": "\(threadID)"])
            #expect(gone.description == "Bad Request: message thread not found")
        }
    }

    @Test func privacyModeBotsSeeTopicServiceMessages() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("quiet_bot", name: "Quiet")
            let (alice, _) = try await client.createUser("Alice")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [botID], forum: true)
            let topic = try await client.user(alice, "createForumTopic", ["chat_id": "\(chatID)", "name": "News", "icon_color": "16766590"])
            let threadID = try #require(topic.resultObject["message_thread_id"] as? Int)
            #expect(try await client.user(alice, "sendMessage", ["chat_id": "\(chatID)", "text": "chatter", "message_thread_id": "\(threadID)"]).ok)
            let seen = ChatSetup.messages(try await ChatSetup.updates(client, bot: bot))
            let created = try #require(seen.first { $0["forum_topic_created"] != nil })
            #expect((created["forum_topic_created"] as? [String: Any])?["icon_color"] as? Int == 16_766_590)
            #expect(!seen.contains { $0["text"] as? String == "chatter" })
        }
    }

    @Test func onlyForumsHaveTopics() async throws {
        try await TestWorld().run { client in
            let (alice, _) = try await client.createUser("Alice")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [])
            let answer = try await client.user(alice, "createForumTopic", ["chat_id": "\(chatID)", "name": "Bugs"])
            #expect(answer.description == "Bad Request: the chat is not a forum")
            // Outside forums a thread id is ignored.
            #expect(try await client.user(alice, "sendMessage", ["chat_id": "\(chatID)", "text": "x", "message_thread_id": "5"]).ok)
        }
    }
}
