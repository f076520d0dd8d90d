import Foundation
import Testing

/// setChatTitle, setChatDescription and pins (issue 5).
@Suite struct ChatSettingsTests {
    @Test func titleNeedsCanChangeInfoAndPostsAServiceMessage() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot("title_bot", name: "Titles")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, members: [botID, bobID])

            let refused = try await client.bot(bot, "setChatTitle", ["chat_id": "\(chatID)", "title": "Bots"])
            #expect(refused.description == "Bad Request: not enough rights to change chat title")
            try await ChatSetup.makeAdmin(world, chatID: chatID, accountID: botID, rights: ["can_change_info"])
            let empty = try await client.bot(bot, "setChatTitle", ["chat_id": "\(chatID)", "title": "  "])
            #expect(empty.description == "Bad Request: title must be non-empty")
            #expect(try await client.bot(bot, "setChatTitle", ["chat_id": "\(chatID)", "title": "Bots  and\npeople"]).ok)

            let seen = ChatSetup.messages(try await ChatSetup.userUpdates(client, bob))
            #expect(seen.last?["new_chat_title"] as? String == "Bots and people")
            let chat = try await client.user(bob, "getChat", ["chat_id": "\(chatID)"]).resultObject
            #expect(chat["title"] as? String == "Bots and people")
            // The same title again changes nothing and posts nothing.
            #expect(try await client.bot(bot, "setChatTitle", ["chat_id": "\(chatID)", "title": "Bots and people"]).ok)
            #expect(ChatSetup.messages(try await ChatSetup.userUpdates(client, bob)).count == seen.count)

            _ = try await client.user(alice, "startBot", ["bot_id": "\(botID)"])
            let privateChat = try await client.bot(bot, "setChatTitle", ["chat_id": "\(try await aliceID(client, alice))", "title": "x"])
            #expect(privateChat.description == "Bad Request: can't change private chat title")
        }
    }

    func aliceID(_ client: Client, _ token: String) async throws -> Int {
        try await client.user(token, "getMe").resultObject["id"] as? Int ?? 0
    }

    @Test func descriptionIsRefusedWhenUnchanged() async throws {
        try await TestWorld().run { client in
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [bobID])
            #expect(try await client.user(alice, "setChatDescription", ["chat_id": "\(chatID)", "description": "About us"]).ok)
            let again = try await client.user(alice, "setChatDescription", ["chat_id": "\(chatID)", "description": "About us"])
            #expect(again.errorCode == 400 && again.description == "Bad Request: chat description is not modified")
            let member = try await client.user(bob, "setChatDescription", ["chat_id": "\(chatID)", "description": "Mine"])
            #expect(member.description == "Bad Request: not enough rights to set chat description")
            let chat = try await client.user(bob, "getChat", ["chat_id": "\(chatID)"]).resultObject
            #expect(chat["description"] as? String == "About us")
        }
    }

    @Test func pinningAndUnpinning() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot("pin_bot", name: "Pins")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [botID, bobID])
            let sent = try await client.user(bob, "sendMessage", ["chat_id": "\(chatID)", "text": "pin me"])
            let messageID = sent.resultObject["message_id"] as? Int ?? 0

            let refused = try await client.bot(bot, "pinChatMessage", ["chat_id": "\(chatID)", "message_id": "\(messageID)"])
            #expect(refused.description == "Bad Request: not enough rights to manage pinned messages in the chat")
            try await ChatSetup.makeAdmin(world, chatID: chatID, accountID: botID, rights: ["can_pin_messages"])
            let missing = try await client.bot(bot, "pinChatMessage", ["chat_id": "\(chatID)", "message_id": "999"])
            #expect(missing.description == "Bad Request: message to pin not found")
            #expect(try await client.bot(bot, "pinChatMessage", [
                "chat_id": "\(chatID)", "message_id": "\(messageID)", "disable_notification": "true",
            ]).ok)

            let service = ChatSetup.messages(try await ChatSetup.userUpdates(client, bob)).last
            #expect((service?["pinned_message"] as? [String: Any])?["text"] as? String == "pin me")
            var chat = try await client.user(bob, "getChat", ["chat_id": "\(chatID)"]).resultObject
            #expect((chat["pinned_message"] as? [String: Any])?["message_id"] as? Int == messageID)

            #expect(try await client.bot(bot, "unpinChatMessage", ["chat_id": "\(chatID)"]).ok)
            chat = try await client.user(bob, "getChat", ["chat_id": "\(chatID)"]).resultObject
            #expect(chat["pinned_message"] == nil)
            #expect(try await client.bot(bot, "unpinChatMessage", ["chat_id": "\(chatID)"]).ok)
            #expect(try await client.bot(bot, "unpinAllChatMessages", ["chat_id": "\(chatID)"]).ok)
        }
    }

    @Test func channelPinsNeedCanEditMessagesAndPrivatePinsNeedNone() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot("news_bot", name: "News")
            let (alice, aliceID) = try await client.createUser("Alice")
            let channelID = try await ChatSetup.create(client, alice, type: "channel", title: "News", members: [botID])
            try await ChatSetup.makeAdmin(world, chatID: channelID, accountID: botID, rights: ["can_pin_messages"])
            let post = try await client.user(alice, "sendMessage", ["chat_id": "\(channelID)", "text": "headline"])
            let postID = post.resultObject["message_id"] as? Int ?? 0
            let refused = try await client.bot(bot, "pinChatMessage", ["chat_id": "\(channelID)", "message_id": "\(postID)"])
            #expect(refused.description == "Bad Request: not enough rights to manage pinned messages in the chat")

            _ = try await client.user(alice, "startBot", ["bot_id": "\(botID)"])
            let hello = try await client.bot(bot, "sendMessage", ["chat_id": "\(aliceID)", "text": "hello"])
            let helloID = hello.resultObject["message_id"] as? Int ?? 0
            #expect(try await client.bot(bot, "pinChatMessage", ["chat_id": "\(aliceID)", "message_id": "\(helloID)"]).ok)
            #expect(try await client.user(alice, "unpinChatMessage", ["chat_id": "\(botID)", "message_id": "\(helloID)"]).ok)
            let missing = try await client.user(alice, "unpinChatMessage", ["chat_id": "\(botID)", "message_id": "999"])
            #expect(missing.description == "Bad Request: message to unpin not found")
        }
    }

    @Test func chatPhotoMustBeUploaded() async throws {
        try await TestWorld().run { client in
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, members: [bobID])
            let byID = try await client.user(alice, "setChatPhoto", ["chat_id": "\(chatID)", "photo": "AgADBAAD"])
            #expect(byID.description == "Bad Request: photo must be uploaded as an InputFile")
            let noPhoto = try await client.user(alice, "deleteChatPhoto", ["chat_id": "\(chatID)"])
            #expect(noPhoto.description == "Bad Request: CHAT_NOT_MODIFIED")

            let set = try await client.upload("user\(alice)", "setChatPhoto", ["chat_id": "\(chatID)"], files: [
                (field: "photo", filename: "team.png", contentType: "image/png", bytes: FileTests.png(width: 8, height: 8)),
            ])
            #expect(set.ok, "\(set.body)")
            let service = ChatSetup.messages(try await ChatSetup.userUpdates(client, bob)).last
            let sizes = try #require(service?["new_chat_photo"] as? [[String: Any]])
            let chat = try await client.user(bob, "getChat", ["chat_id": "\(chatID)"]).resultObject
            let photo = try #require(chat["photo"] as? [String: Any])
            #expect(photo["big_file_unique_id"] as? String == sizes.first?["file_unique_id"] as? String)

            #expect(try await client.user(alice, "deleteChatPhoto", ["chat_id": "\(chatID)"]).ok)
            #expect(ChatSetup.messages(try await ChatSetup.userUpdates(client, bob)).last?["delete_chat_photo"] as? Bool == true)
            #expect(try await client.user(bob, "getChat", ["chat_id": "\(chatID)"]).resultObject["photo"] == nil)
        }
    }
}
