import Foundation
import Testing

/// Bots and users writing to each other in private chats (issue: the spine, item 6).
@Suite struct PrivateChatTests {
    @Test func textIsCheckedBeforeTheChat() async throws {
        try await TestWorld().run { client in
            let (bot, _) = try await client.createBot()
            let noText = try await client.bot(bot, "sendMessage")
            #expect(noText.description == "Bad Request: message text is empty")
            let noChat = try await client.bot(bot, "sendMessage", ["text": "hi"])
            #expect(noChat.description == "Bad Request: chat_id is empty")
            let unknown = try await client.bot(bot, "sendMessage", ["text": "hi", "chat_id": "424242"])
            #expect(unknown.description == "Bad Request: chat not found")
            let tooLong = try await client.bot(bot, "sendMessage", ["text": String(repeating: "x", count: 32769), "chat_id": "1"])
            #expect(tooLong.description == "Bad Request: text is too long")
        }
    }

    @Test func botsCannotStartConversations() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser()
            let (otherBot, otherBotID) = try await client.createBot("other_bot", name: "Other")
            // A shared group lets the bots see the user and each other (PrivacyTests), but not write.
            let group = try await client.user(user, "createChat", ["type": "group", "title": "Team", "member_ids": "[\(botID), \(otherBotID)]"])
            try #require(group.ok, "\(group.body)")
            let refused = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "hello"])
            #expect(refused.status == 403 && refused.description == "Forbidden: bot can't initiate conversation with a user")
            #expect(try await client.user(user, "sendMessage", ["chat_id": "\(botID)", "text": "hey"]).ok)
            let reply = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "hello"])
            #expect(reply.ok)
            let botToBot = try await client.bot(otherBot, "sendMessage", ["chat_id": "\(botID)", "text": "x"])
            #expect(botToBot.status == 403 && otherBotID > 0)
        }
    }

    @Test func startBotSendsACommandTheBotReceives() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser("Alice", username: "alice")
            let sent = try await client.user(user, "startBot", ["bot_username": "echo_bot", "parameter": "ref-42"])
            #expect(sent.resultObject["text"] as? String == "/start ref-42")
            let updates = try await client.bot(bot, "getUpdates")
            let message = updates.resultArray.first?["message"] as? [String: Any] ?? [:]
            #expect(message["text"] as? String == "/start ref-42")
            let chat = message["chat"] as? [String: Any] ?? [:]
            #expect(chat["id"] as? Int == userID && chat["type"] as? String == "private")
            let from = message["from"] as? [String: Any] ?? [:]
            #expect(from["username"] as? String == "alice" && from["is_bot"] as? Bool == false)
            let entity = (message["entities"] as? [[String: Any]])?.first ?? [:]
            #expect(entity["type"] as? String == "bot_command" && entity["offset"] as? Int == 0 && entity["length"] as? Int == 6)
            #expect(updates.body.contains("{\"update_id\":") && updates.body.contains(",\n\"message\":"))
            _ = botID
        }
    }

    @Test func botRepliesReachTheUserWithTheirOwnChatID() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser()
            let question = try await client.user(user, "sendMessage", ["chat_id": "\(botID)", "text": "ping @someone #tag https://example.org"])
            let questionID = question.resultObject["message_id"] as? Int ?? 0
            let entityTypes = (question.resultObject["entities"] as? [[String: Any]])?.compactMap { $0["type"] as? String }
            #expect(entityTypes == ["mention", "hashtag", "url"])
            let reply = try await client.bot(bot, "sendMessage", [
                "chat_id": "\(userID)", "text": "pong",
                "reply_parameters": #"{"message_id": \#(questionID)}"#,
                "reply_markup": #"{"inline_keyboard": [[{"text": "Open", "url": "https://example.org"}]]}"#,
            ])
            #expect(reply.ok, "\(reply.body)")
            #expect((reply.resultObject["reply_to_message"] as? [String: Any])?["message_id"] as? Int == questionID)
            let received = try await client.user(user, "getUpdates").resultArray
            let message = received.last?["message"] as? [String: Any] ?? [:]
            #expect(message["text"] as? String == "pong")
            #expect((message["chat"] as? [String: Any])?["id"] as? Int == botID)
            #expect((message["from"] as? [String: Any])?["is_bot"] as? Bool == true)
            #expect(message["reply_markup"] != nil)
            // The user's own message does not come back in their queue.
            #expect(received.count == 1)
        }
    }

    @Test func repliesToMissingMessages() async throws {
        try await TestWorld().run { client in
            let c = try await ParameterEncodingTests.conversation(client)
            let missing = try await client.bot(c.bot, "sendMessage", ["chat_id": "\(c.userID)", "text": "x", "reply_parameters": #"{"message_id": 999}"#])
            #expect(missing.description == "Bad Request: message to be replied not found")
            let allowed = try await client.bot(c.bot, "sendMessage", [
                "chat_id": "\(c.userID)", "text": "x", "reply_parameters": #"{"message_id": 999, "allow_sending_without_reply": true}"#,
            ])
            #expect(allowed.ok && allowed.resultObject["reply_to_message"] == nil)
            // The chat is known to the bot by the user's id; any other id names another chat.
            let sent = try await client.bot(c.bot, "sendMessage", ["chat_id": "\(c.userID)", "text": "first"])
            let sentID = sent.resultObject["message_id"] as? Int ?? 0
            let elsewhere = try await client.bot(c.bot, "sendMessage", [
                "chat_id": "\(c.userID)", "text": "x", "reply_parameters": #"{"message_id": \#(sentID), "chat_id": \#(c.botID)}"#,
            ])
            #expect(elsewhere.description == "Bad Request: message to be replied not found")
            let here = try await client.bot(c.bot, "sendMessage", [
                "chat_id": "\(c.userID)", "text": "x", "reply_parameters": #"{"message_id": \#(sentID), "chat_id": \#(c.userID)}"#,
            ])
            #expect((here.resultObject["reply_to_message"] as? [String: Any])?["message_id"] as? Int == sentID, "\(here.body)")
        }
    }

    @Test func givenEntitiesUseUTF16Offsets() async throws {
        try await TestWorld().run { client in
            let c = try await ParameterEncodingTests.conversation(client)
            let answer = try await client.bot(c.bot, "sendMessage", [
                "chat_id": "\(c.userID)", "text": "😀 bold", "entities": #"[{"type":"bold","offset":3,"length":4}]"#,
            ])
            let entity = (answer.resultObject["entities"] as? [[String: Any]])?.first ?? [:]
            #expect(entity["offset"] as? Int == 3 && entity["length"] as? Int == 4)
            #expect(answer.body.contains(#""text":"\ud83d\ude00 bold""#))
        }
    }

    @Test func blockingABotTellsItAndRefusesItsMessages() async throws {
        try await TestWorld().run { client in
            let c = try await ParameterEncodingTests.conversation(client)
            _ = try await client.bot(c.bot, "getUpdates", ["offset": "-1"])
            #expect(try await client.user(c.user, "blockUser", ["user_id": "\(c.botID)"]).ok)
            let refused = try await client.bot(c.bot, "sendMessage", ["chat_id": "\(c.userID)", "text": "still there?"])
            #expect(refused.status == 403 && refused.description == "Forbidden: bot was blocked by the user")
            let updates = try await client.bot(c.bot, "getUpdates", ["allowed_updates": #"["message","my_chat_member"]"#]).resultArray
            let change = updates.last?["my_chat_member"] as? [String: Any] ?? [:]
            #expect((change["new_chat_member"] as? [String: Any])?["status"] as? String == "kicked")
            #expect((change["old_chat_member"] as? [String: Any])?["status"] as? String == "member")
            _ = try await client.user(c.user, "startBot", ["bot_id": "\(c.botID)"])
            #expect(try await client.bot(c.bot, "sendMessage", ["chat_id": "\(c.userID)", "text": "welcome back"]).ok)
        }
    }
}

/// sendMessage's optional parameters that show up in the message.
@Suite struct SendMessageOptionsTests {
    @Test func effectsAndLinkPreviewOptionsAppearInTheMessage() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser()
            #expect(try await client.user(user, "sendMessage", ["chat_id": "\(botID)", "text": "hi"]).ok)
            let sent = try await client.bot(bot, "sendMessage", [
                "chat_id": "\(userID)", "text": "see https://example.com", "message_effect_id": "5104841245755180586",
                "link_preview_options": "{\"is_disabled\":true}",
            ])
            #expect(sent.resultObject["effect_id"] as? String == "5104841245755180586")
            #expect((sent.resultObject["link_preview_options"] as? [String: Any])?["is_disabled"] as? Bool == true)
            let plain = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "x", "link_preview_options": "{}"])
            #expect(plain.ok && plain.resultObject["link_preview_options"] == nil)
            let bad = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "x", "message_effect_id": "123"])
            #expect(bad.description == "Bad Request: EFFECT_ID_INVALID")
        }
    }

    @Test func textMentionsResolveTheUserAndChatErrorsComeBeforeParseErrors() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser("Alice")
            #expect(try await client.user(user, "sendMessage", ["chat_id": "\(botID)", "text": "hi"]).ok)
            let mention = "[{\"type\":\"text_mention\",\"offset\":0,\"length\":5,\"user\":{\"id\":\(userID),\"is_bot\":false,\"first_name\":\"x\"}}]"
            let sent = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "Alice, hello", "entities": mention])
            let entity = (sent.resultObject["entities"] as? [[String: Any]])?.first
            #expect((entity?["user"] as? [String: Any])?["first_name"] as? String == "Alice", "\(sent.body)")
            let badBoth = try await client.bot(bot, "sendMessage", ["chat_id": "424242", "text": "<b>open", "parse_mode": "HTML"])
            #expect(badBoth.description == "Bad Request: chat not found")
            let badMarkup = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "<b>open", "parse_mode": "HTML"])
            #expect(badMarkup.description?.hasPrefix("Bad Request: can't parse entities:") == true)
        }
    }
}
