import Foundation
import Testing

/// Groups, supergroups and channels: creation, membership, privacy mode (issue 5).
@Suite struct GroupTests {
    /// The updates waiting for a bot or user, without confirming them.
    func updates(_ client: Client, _ prefix: String, _ token: String) async throws -> [[String: Any]] {
        try await client.call("\(prefix)\(token)", "getUpdates", ["timeout": "0"]).resultArray
    }

    func createGroup(_ client: Client, _ user: String, type: String = "group", title: String = "Team", members: [Int]) async throws -> Int {
        let answer = try await client.user(user, "createChat", ["type": type, "title": title, "member_ids": "\(members)"])
        try #require(answer.ok, "createChat failed: \(answer.body)")
        return answer.resultObject["id"] as? Int ?? 0
    }

    @Test func creatingAGroupWithABotTellsTheBot() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("group_bot", name: "Group")
            let (user, userID) = try await client.createUser("Alice")
            let chatID = try await createGroup(client, user, members: [botID])
            #expect(chatID < 0 && chatID > -1_000_000_000_000)

            let received = try await updates(client, "bot", bot)
            let member = try #require(received.first?["my_chat_member"] as? [String: Any])
            #expect((member["chat"] as? [String: Any])?["type"] as? String == "group")
            #expect((member["from"] as? [String: Any])?["id"] as? Int == userID)
            #expect((member["old_chat_member"] as? [String: Any])?["status"] as? String == "left")
            #expect((member["new_chat_member"] as? [String: Any])?["status"] as? String == "member")
            let created = try #require(received.last?["message"] as? [String: Any])
            #expect(created["group_chat_created"] as? Bool == true)
        }
    }

    @Test func theMembersPickedAtCreationJoinASupergroupTogether() async throws {
        try await TestWorld().run { client in
            let (user, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let (_, carolID) = try await client.createUser("Carol")
            let chatID = try await createGroup(client, user, type: "supergroup", members: [bobID, carolID])
            // Bob joined after the "supergroup created" message: he sees one message naming both newcomers.
            let messages = try await updates(client, "user", bob).compactMap { $0["message"] as? [String: Any] }
                .filter { ($0["chat"] as? [String: Any])?["id"] as? Int == chatID }
            #expect(messages.count == 1)
            let joined = messages.first?["new_chat_members"] as? [[String: Any]] ?? []
            #expect(joined.map { $0["id"] as? Int } == [bobID, carolID])
        }
    }

    @Test func privacyModeHidesOrdinaryMessagesFromBots() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("group_bot", name: "Group")
            let readAll = try await client.admin("createBot", ["username": "reader_bot", "first_name": "Reader", "can_read_all_group_messages": "true"])
            let readerToken = readAll.resultObject["token"] as? String ?? ""
            let readerID = (readAll.resultObject["user"] as? [String: Any])?["id"] as? Int ?? 0
            let (user, _) = try await client.createUser("Alice")
            let chatID = try await createGroup(client, user, members: [botID, readerID])
            _ = try await client.bot(bot, "getUpdates", ["offset": "-1"])
            _ = try await client.bot(readerToken, "getUpdates", ["offset": "-1"])
            let lastBot = try await updates(client, "bot", bot).last?["update_id"] as? Int ?? 0
            let lastReader = try await updates(client, "bot", readerToken).last?["update_id"] as? Int ?? 0

            #expect(try await client.user(user, "sendMessage", ["chat_id": "\(chatID)", "text": "hello everyone"]).ok)
            #expect(try await client.user(user, "sendMessage", ["chat_id": "\(chatID)", "text": "/help@group_bot"]).ok)
            #expect(try await client.user(user, "sendMessage", ["chat_id": "\(chatID)", "text": "hi @group_bot"]).ok)

            let botTexts = try await client.bot(bot, "getUpdates", ["offset": "\(lastBot + 1)"]).resultArray
                .compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
            #expect(botTexts == ["/help@group_bot", "hi @group_bot"])
            let readerTexts = try await client.bot(readerToken, "getUpdates", ["offset": "\(lastReader + 1)"]).resultArray
                .compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
            #expect(readerTexts == ["hello everyone", "/help@group_bot", "hi @group_bot"])
        }
    }

    @Test func usersSeeBotMessagesAndBotsSeeRepliesToThem() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("group_bot", name: "Group")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await createGroup(client, alice, members: [botID, bobID])
            let sent = try await client.bot(bot, "sendMessage", ["chat_id": "\(chatID)", "text": "I am here"])
            #expect(sent.ok && (sent.resultObject["chat"] as? [String: Any])?["title"] as? String == "Team")
            let bobSees = try await updates(client, "user", bob).compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
            #expect(bobSees.contains("I am here"))

            _ = try await client.bot(bot, "getUpdates", ["offset": "-1"])
            let last = try await updates(client, "bot", bot).last?["update_id"] as? Int ?? 0
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            let reply = try await client.user(bob, "sendMessage", [
                "chat_id": "\(chatID)", "text": "welcome", "reply_parameters": "{\"message_id\":\(messageID)}",
            ])
            #expect(reply.ok)
            let botSees = try await client.bot(bot, "getUpdates", ["offset": "\(last + 1)"]).resultArray
                .compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
            #expect(botSees == ["welcome"])
        }
    }

    @Test func repliesFindTheirTargetInTheGroupOnly() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("group_bot", name: "Group")
            let (alice, _) = try await client.createUser("Alice")
            let chatID = try await createGroup(client, alice, members: [botID])
            let otherChatID = try await createGroup(client, alice, title: "Other", members: [botID])
            let first = try await client.bot(bot, "sendMessage", ["chat_id": "\(chatID)", "text": "first"])
            let messageID = first.resultObject["message_id"] as? Int ?? 0
            func reply(_ parameters: [String: String]) async throws -> Answer {
                try await client.bot(bot, "sendMessage", ["chat_id": "\(chatID)", "text": "reply"].merging(parameters) { $1 })
            }
            func target(_ answer: Answer) -> Int? { (answer.resultObject["reply_to_message"] as? [String: Any])?["message_id"] as? Int }

            let named = try await reply(["reply_parameters": #"{"message_id": \#(messageID), "chat_id": \#(chatID)}"#])
            #expect(named.ok && target(named) == messageID, "\(named.body)")
            let legacy = try await reply(["reply_to_message_id": "\(messageID)"])
            #expect(legacy.ok && target(legacy) == messageID, "\(legacy.body)")
            // Another chat's id is refused before allow_sending_without_reply is considered.
            let elsewhere = try await reply([
                "reply_parameters": #"{"message_id": \#(messageID), "chat_id": \#(otherChatID), "allow_sending_without_reply": true}"#,
            ])
            #expect(elsewhere.description == "Bad Request: message to be replied not found")
            let missing = try await reply(["reply_parameters": #"{"message_id": 999}"#])
            #expect(missing.description == "Bad Request: message to be replied not found")
            let allowed = try await reply(["reply_parameters": #"{"message_id": 999, "allow_sending_without_reply": true}"#])
            #expect(allowed.ok && target(allowed) == nil, "\(allowed.body)")
        }
    }

    @Test func membersAdministratorsAndCounts() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("group_bot", name: "Group")
            let (alice, aliceID) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            // Bob starts the bot, so it sees him (PrivacyTests), but he is not in the group.
            #expect(try await client.user(bob, "startBot", ["bot_id": "\(botID)"]).ok)
            let chatID = try await createGroup(client, alice, type: "supergroup", members: [botID])
            #expect(chatID < -1_000_000_000_000)
            #expect(try await client.bot(bot, "getChatMemberCount", ["chat_id": "\(chatID)"]).result as? Int == 2)
            let owner = try await client.bot(bot, "getChatMember", ["chat_id": "\(chatID)", "user_id": "\(aliceID)"])
            #expect(owner.resultObject["status"] as? String == "creator")
            let stranger = try await client.bot(bot, "getChatMember", ["chat_id": "\(chatID)", "user_id": "\(bobID)"])
            #expect(stranger.resultObject["status"] as? String == "left")
            let admins = try await client.bot(bot, "getChatAdministrators", ["chat_id": "\(chatID)"]).resultArray
            #expect(admins.count == 1 && (admins.first?["user"] as? [String: Any])?["id"] as? Int == aliceID)
            let info = try await client.bot(bot, "getChat", ["chat_id": "\(chatID)"])
            #expect(info.resultObject["type"] as? String == "supergroup" && info.resultObject["title"] as? String == "Team")
            #expect((info.resultObject["permissions"] as? [String: Any])?["can_send_messages"] as? Bool == true)
            let privateAdmins = try await client.bot(bot, "getChatAdministrators", ["chat_id": "\(aliceID)"])
            #expect(privateAdmins.description == "Bad Request: chat not found" || privateAdmins.description == "Bad Request: there are no administrators in the private chat")
        }
    }

    @Test func aBotThatLeftCannotWrite() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("group_bot", name: "Group")
            let (alice, _) = try await client.createUser("Alice")
            let chatID = try await createGroup(client, alice, members: [botID])
            #expect(try await client.bot(bot, "leaveChat", ["chat_id": "\(chatID)"]).ok)
            let refused = try await client.bot(bot, "sendMessage", ["chat_id": "\(chatID)", "text": "still here?"])
            #expect(refused.status == 403 && refused.description == "Forbidden: bot is not a member of the group chat")
            let aliceSees = try await updates(client, "user", alice).compactMap { $0["message"] as? [String: Any] }
            #expect(aliceSees.contains { ($0["left_chat_member"] as? [String: Any])?["id"] as? Int == botID })
            let unknown = try await client.bot(bot, "sendMessage", ["chat_id": "-999999", "text": "x"])
            #expect(unknown.description == "Bad Request: chat not found")
        }
    }

    @Test func channelsAcceptPostsFromAdministratorsOnly() async throws {
        try await TestWorld().run { client in
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await createGroup(client, alice, type: "channel", title: "News", members: [bobID])
            let post = try await client.user(alice, "sendMessage", ["chat_id": "\(chatID)", "text": "first post"])
            #expect(post.ok && post.resultObject["from"] == nil)
            #expect((post.resultObject["sender_chat"] as? [String: Any])?["id"] as? Int == chatID)
            let bobSees = try await updates(client, "user", bob).compactMap { ($0["channel_post"] as? [String: Any])?["text"] as? String }
            #expect(bobSees == ["first post"])
            let refused = try await client.user(bob, "sendMessage", ["chat_id": "\(chatID)", "text": "me too"])
            #expect(refused.description == "Bad Request: need administrator rights in the channel chat")
        }
    }

    @Test func usersInAGroupSeeABotsReplyKeyboard() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("group_bot", name: "Group")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await createGroup(client, alice, members: [botID, bobID])
            let keyboard = "{\"keyboard\":[[\"Yes\",\"No\"]],\"one_time_keyboard\":true}"
            let sent = try await client.bot(bot, "sendMessage", ["chat_id": "\(chatID)", "text": "Agree?", "reply_markup": keyboard])
            #expect(sent.ok && sent.resultObject["reply_markup"] == nil)
            let bobSees = try await updates(client, "user", bob).compactMap { $0["message"] as? [String: Any] }.last
            let markup = bobSees?["reply_markup"] as? [String: Any]
            #expect((markup?["keyboard"] as? [[Any]])?.first?.count == 2)
        }
    }
}

/// Anonymous administrators and restrictions that outlive an absence (issue 5, items 2 and 3).
@Suite struct GroupIdentityTests {
    @Test func anAnonymousAdministratorPostsAsTheGroup() async throws {
        try await TestWorld().run { client in
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let created = try await client.user(alice, "createChat", ["type": "supergroup", "title": "Team", "member_ids": "[\(bobID)]"])
            let chatID = created.resultObject["id"] as? Int ?? 0
            let promoted = try await client.user(alice, "promoteChatMember", [
                "chat_id": "\(chatID)", "user_id": "\(bobID)", "is_anonymous": "true", "can_delete_messages": "true",
            ])
            #expect(promoted.ok, "\(promoted.body)")
            #expect(try await client.user(alice, "setChatAdministratorCustomTitle", ["chat_id": "\(chatID)", "user_id": "\(bobID)", "custom_title": "Mod"]).ok)
            let post = try await client.user(bob, "sendMessage", ["chat_id": "\(chatID)", "text": "rules apply"])
            #expect((post.resultObject["from"] as? [String: Any])?["username"] as? String == "GroupAnonymousBot")
            #expect((post.resultObject["sender_chat"] as? [String: Any])?["id"] as? Int == chatID)
            #expect(post.resultObject["author_signature"] as? String == "Mod")
        }
    }

    @Test func aRestrictionSetWhileAwayAppliesOnReturn() async throws {
        try await TestWorld().run { client in
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let created = try await client.user(alice, "createChat", ["type": "supergroup", "title": "Team", "member_ids": "[\(bobID)]"])
            let chatID = created.resultObject["id"] as? Int ?? 0
            #expect(try await client.user(bob, "leaveChat", ["chat_id": "\(chatID)"]).ok)
            let muted = try await client.user(alice, "restrictChatMember", [
                "chat_id": "\(chatID)", "user_id": "\(bobID)", "permissions": "{\"can_send_messages\":false}",
            ])
            #expect(muted.ok, "\(muted.body)")
            #expect(try await client.user(alice, "addChatMember", ["chat_id": "\(chatID)", "user_id": "\(bobID)"]).ok)
            let member = try await client.user(alice, "getChatMember", ["chat_id": "\(chatID)", "user_id": "\(bobID)"])
            #expect(member.resultObject["status"] as? String == "restricted" && member.resultObject["is_member"] as? Bool == true)
            let refused = try await client.user(bob, "sendMessage", ["chat_id": "\(chatID)", "text": "back"])
            #expect(refused.description == "Bad Request: not enough rights to send text messages to the chat")
        }
    }
}
