import Foundation
import Testing

/// Member administration (issue 5): bans, restrictions, promotions, custom titles, default
/// permissions and sender-chat bans, with Telegram's refusals, updates and expiry.
@Suite struct ChatMemberAdministrationTests {
    /// A supergroup (or other kind) owned by Alice with a bot and Bob in it.
    struct Scene {
        let world: TestWorld
        let client: Client
        let bot: String
        let botID: Int
        let alice: String
        let aliceID: Int
        let bob: String
        let bobID: Int
        let chatID: Int

        /// Calls `method` as the bot in the scene's chat.
        func asBot(_ method: String, _ parameters: [String: String] = [:]) async throws -> Answer {
            try await client.bot(bot, method, parameters.merging(["chat_id": "\(chatID)"]) { given, _ in given })
        }

        func asAlice(_ method: String, _ parameters: [String: String] = [:]) async throws -> Answer {
            try await client.user(alice, method, parameters.merging(["chat_id": "\(chatID)"]) { given, _ in given })
        }

        /// `user`'s status object in the chat, as the bot sees it.
        func member(_ userID: Int) async throws -> [String: Any] {
            try await asBot("getChatMember", ["user_id": "\(userID)"]).resultObject
        }

        /// Promotes the bot with `rights`, as Alice.
        func promoteBot(_ rights: [String]) async throws {
            var parameters = ["user_id": "\(botID)"]
            for right in rights { parameters[right] = "true" }
            let answer = try await asAlice("promoteChatMember", parameters)
            try #require(answer.ok, "promoteChatMember failed: \(answer.body)")
        }

        /// Every update waiting for the bot, confirmed, of the kinds in `allowed`.
        func botUpdates(_ allowed: String = "[\"message\",\"my_chat_member\",\"chat_member\"]") async throws -> [[String: Any]] {
            let updates = try await client.bot(bot, "getUpdates", ["timeout": "0", "allowed_updates": allowed]).resultArray
            if let last = updates.last?["update_id"] as? Int {
                _ = try await client.bot(bot, "getUpdates", ["timeout": "0", "offset": "\(last + 1)"])
            }
            return updates
        }
    }

    func scene(_ client: Client, _ world: TestWorld, type: String = "supergroup", others: [Int] = []) async throws -> Scene {
        let (bot, botID) = try await client.createBot("mod_bot", name: "Moderator")
        let (alice, aliceID) = try await client.createUser("Alice")
        let (bob, bobID) = try await client.createUser("Bob")
        let answer = try await client.user(alice, "createChat", ["type": type, "title": "Team", "member_ids": "\([botID, bobID] + others)"])
        try #require(answer.ok, "createChat failed: \(answer.body)")
        let scene = Scene(world: world, client: client, bot: bot, botID: botID, alice: alice, aliceID: aliceID, bob: bob, bobID: bobID,
                          chatID: answer.resultObject["id"] as? Int ?? 0)
        _ = try await scene.botUpdates()
        return scene
    }

    func expectRefusal(_ answer: Answer, _ description: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(answer.status == 400 && answer.description == description, "\(answer.body)", sourceLocation: sourceLocation)
    }

    @Test func aBotBansOnlyOncePromoted() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let s = try await scene(client, world)
            expectRefusal(try await s.asBot("banChatMember", ["user_id": "\(s.bobID)"]),
                          "Bad Request: not enough rights to restrict/unrestrict chat member")
            #expect(try await s.member(s.bobID)["status"] as? String == "member")

            try await s.promoteBot(["can_restrict_members"])
            let promoted = try #require(try await s.botUpdates().compactMap { $0["my_chat_member"] as? [String: Any] }.last)
            let newStatus = promoted["new_chat_member"] as? [String: Any] ?? [:]
            #expect((promoted["old_chat_member"] as? [String: Any])?["status"] as? String == "member")
            #expect(newStatus["status"] as? String == "administrator")
            #expect(newStatus["can_restrict_members"] as? Bool == true && newStatus["can_manage_chat"] as? Bool == true)
            #expect(newStatus["can_delete_messages"] as? Bool == false)

            _ = try await client.user(s.alice, "getUpdates", ["offset": "-1"])
            let aliceSeen = try await client.user(s.alice, "getUpdates", ["timeout": "0"]).resultArray.last?["update_id"] as? Int ?? 0
            #expect(try await s.asBot("banChatMember", ["user_id": "\(s.bobID)"]).ok)
            let banned = try await s.member(s.bobID)
            #expect(banned["status"] as? String == "kicked" && banned["until_date"] as? Int == 0)
            // Members see the removal; the bot, which made it, gets no message for it.
            let aliceSees = try await client.user(s.alice, "getUpdates", ["offset": "\(aliceSeen + 1)"]).resultArray
            let removal = aliceSees.compactMap { $0["message"] as? [String: Any] }.first
            #expect((removal?["left_chat_member"] as? [String: Any])?["id"] as? Int == s.bobID)
            #expect((removal?["from"] as? [String: Any])?["id"] as? Int == s.botID)
            let updates = try await s.botUpdates()
            #expect(updates.count == 1)
            let change = try #require(updates.compactMap { $0["chat_member"] as? [String: Any] }.first)
            #expect((change["new_chat_member"] as? [String: Any])?["status"] as? String == "kicked")
            #expect((change["from"] as? [String: Any])?["id"] as? Int == s.botID)
            // Once out, Bob can't post, and banning him again changes nothing.
            #expect(try await client.user(s.bob, "sendMessage", ["chat_id": "\(s.chatID)", "text": "hi"]).status == 403)
            #expect(try await s.asBot("banChatMember", ["user_id": "\(s.bobID)"]).ok)
            #expect(try await s.botUpdates().isEmpty)
        }
    }

    @Test func ownersAdministratorsAndSelfAreProtected() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (carol, carolID) = try await client.createUser("Carol")
            let (_, daveID) = try await client.createUser("Dave")
            let s = try await scene(client, world, others: [carolID, daveID])
            _ = carol
            // Changing the owner is refused before anything else, rights or not.
            expectRefusal(try await s.asBot("banChatMember", ["user_id": "\(s.aliceID)"]), "Bad Request: can't remove chat owner")
            try await s.promoteBot(["can_restrict_members", "can_promote_members", "can_delete_messages"])
            #expect(try await s.asAlice("promoteChatMember", ["user_id": "\(carolID)", "can_pin_messages": "true"]).ok)

            expectRefusal(try await s.asBot("restrictChatMember", ["user_id": "\(s.aliceID)", "permissions": "{}"]),
                          "Bad Request: can't remove chat owner")
            expectRefusal(try await s.asBot("banChatMember", ["user_id": "\(carolID)"]), "Bad Request: user is an administrator of the chat")
            expectRefusal(try await s.asBot("banChatMember", ["user_id": "\(s.botID)"]), "Bad Request: can't restrict self")
            expectRefusal(try await s.asBot("promoteChatMember", ["user_id": "\(s.botID)", "can_delete_messages": "true"]),
                          "Bad Request: can't promote self")
            expectRefusal(try await s.asBot("promoteChatMember", ["user_id": "\(s.aliceID)", "can_delete_messages": "true"]),
                          "Bad Request: can't edit chat owner")
            expectRefusal(try await s.asBot("promoteChatMember", ["user_id": "\(carolID)", "can_delete_messages": "true"]),
                          "Bad Request: CHAT_ADMIN_REQUIRED")
            expectRefusal(try await s.asBot("promoteChatMember", ["user_id": "\(daveID)", "can_change_info": "true"]),
                          "Bad Request: RIGHT_FORBIDDEN")
            expectRefusal(try await s.asBot("banChatMember", ["user_id": "999999"]), "Bad Request: user not found")
            expectRefusal(try await s.asBot("banChatMember", ["user_id": "0"]), "Bad Request: invalid user_id specified")
            expectRefusal(try await s.client.bot(s.bot, "banChatMember", ["user_id": "\(s.bobID)"]), "Bad Request: chat_id is empty")

            // The bot may demote and ban the administrators it promoted itself.
            #expect(try await s.asBot("promoteChatMember", ["user_id": "\(daveID)", "can_delete_messages": "true"]).ok)
            #expect(try await s.member(daveID)["status"] as? String == "administrator")
            #expect(try await s.asBot("getChatMember", ["user_id": "\(daveID)"]).resultObject["can_be_edited"] as? Bool == true)
            #expect(try await s.asBot("banChatMember", ["user_id": "\(daveID)"]).ok)
            #expect(try await s.member(daveID)["status"] as? String == "kicked")

            // The owner bans the bot, an administrator: it hears of it and can't write any more.
            _ = try await s.botUpdates()
            #expect(try await s.asAlice("banChatMember", ["user_id": "\(s.botID)"]).ok)
            let kicked = try #require(try await s.botUpdates().compactMap { $0["my_chat_member"] as? [String: Any] }.last)
            #expect((kicked["old_chat_member"] as? [String: Any])?["status"] as? String == "administrator")
            #expect((kicked["new_chat_member"] as? [String: Any])?["status"] as? String == "kicked")
            let refused = try await s.asBot("sendMessage", ["text": "hello?"])
            #expect(refused.status == 403 && refused.description == "Forbidden: bot was kicked from the supergroup chat")

            // In a private chat there is no one to ban.
            _ = try await client.user(s.bob, "startBot", ["bot_id": "\(s.botID)"])
            expectRefusal(try await client.bot(s.bot, "banChatMember", ["chat_id": "\(s.bobID)", "user_id": "\(s.bobID)"]),
                          "Bad Request: can't ban members in private chats")
        }
    }

    @Test func restrictionsLimitSendingAndExpireOnTheClock() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let s = try await scene(client, world)
            let noText = "Bad Request: not enough rights to send text messages to the chat"
            let until = Int(world.clock.now()) + 3600
            expectRefusal(try await s.asBot("restrictChatMember", ["user_id": "\(s.bobID)", "permissions": "{}"]),
                          "Bad Request: not enough rights to restrict/unrestrict chat member")
            try await s.promoteBot(["can_restrict_members"])
            _ = try await s.botUpdates()

            #expect(try await s.asBot("restrictChatMember", ["user_id": "\(s.bobID)", "permissions": "{}", "until_date": "\(until)"]).ok)
            let restricted = try await s.member(s.bobID)
            #expect(restricted["status"] as? String == "restricted" && restricted["until_date"] as? Int == until)
            #expect(restricted["is_member"] as? Bool == true && restricted["can_send_messages"] as? Bool == false)
            let change = try #require(try await s.botUpdates().compactMap { $0["chat_member"] as? [String: Any] }.first)
            #expect((change["new_chat_member"] as? [String: Any])?["status"] as? String == "restricted")
            expectRefusal(try await client.user(s.bob, "sendMessage", ["chat_id": "\(s.chatID)", "text": "spam"]), noText)

            world.clock.advance(by: 3601)
            #expect(try await s.member(s.bobID)["status"] as? String == "member")
            #expect(try await client.user(s.bob, "sendMessage", ["chat_id": "\(s.chatID)", "text": "back"]).ok)

            // Text only: reactions follow text, nothing else is implied.
            #expect(try await s.asBot("restrictChatMember", ["user_id": "\(s.bobID)", "permissions": "{\"can_send_messages\":true}"]).ok)
            let textOnly = try await s.member(s.bobID)
            #expect(textOnly["can_send_messages"] as? Bool == true && textOnly["can_react_to_messages"] as? Bool == true)
            #expect(textOnly["can_send_photos"] as? Bool == false && textOnly["until_date"] as? Int == 0)
            #expect(try await client.user(s.bob, "sendMessage", ["chat_id": "\(s.chatID)", "text": "words only"]).ok)
            expectRefusal(try await client.user(s.bob, "sendPoll", ["chat_id": "\(s.chatID)", "question": "Lunch?", "options": "[\"Pizza\",\"Pasta\"]"]),
                          "Bad Request: not enough rights to send polls to the chat")
            expectRefusal(try await client.user(s.bob, "sendDice", ["chat_id": "\(s.chatID)"]),
                          "Bad Request: not enough rights to send dice to the chat")
            // Other messages imply text and media unless permissions are independent.
            #expect(try await s.asBot("restrictChatMember", ["user_id": "\(s.bobID)", "permissions": "{\"can_send_other_messages\":true}"]).ok)
            let implied = try await s.member(s.bobID)
            #expect(implied["can_send_messages"] as? Bool == true && implied["can_send_photos"] as? Bool == true)
            #expect(try await s.asBot("restrictChatMember", [
                "user_id": "\(s.bobID)", "permissions": "{\"can_send_other_messages\":true}", "use_independent_chat_permissions": "true",
            ]).ok)
            #expect(try await s.member(s.bobID)["can_send_messages"] as? Bool == false)
            // What the chat allows anyway makes Bob a plain member again.
            let defaults = "{\"can_send_messages\":true,\"can_send_other_messages\":true,\"can_send_polls\":true,\"can_invite_users\":true,\"can_add_web_page_previews\":true}"
            #expect(try await s.asBot("restrictChatMember", ["user_id": "\(s.bobID)", "permissions": defaults]).ok)
            #expect(try await s.member(s.bobID)["status"] as? String == "member")

            expectRefusal(try await s.asBot("restrictChatMember", ["user_id": "\(s.bobID)", "permissions": "{"]),
                          "Bad Request: can't parse permissions JSON object")
            expectRefusal(try await s.asBot("restrictChatMember", ["user_id": "\(s.bobID)", "permissions": "[]"]),
                          "Bad Request: object expected as permissions")
            expectRefusal(try await s.asBot("restrictChatMember", ["user_id": "\(s.bobID)", "permissions": "{\"can_send_polls\":1}"]),
                          "Bad Request: can't parse chat permissions: Field \"can_send_polls\" must be of type Boolean")
            expectRefusal(try await s.asBot("restrictChatMember", ["user_id": "\(s.botID)", "permissions": "{}"]),
                          "Bad Request: can't restrict self")
        }
    }

    @Test func bansExpireAndUnbanningRemovesMembersUnlessAsked() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (_, carolID) = try await client.createUser("Carol")
            let s = try await scene(client, world, others: [carolID])
            try await s.promoteBot(["can_restrict_members"])
            let now = Int(world.clock.now())
            #expect(try await s.asBot("banChatMember", ["user_id": "\(s.bobID)", "until_date": "\(now + 100)"]).ok)
            #expect(try await s.member(s.bobID)["until_date"] as? Int == now + 100)
            world.clock.advance(by: 101)
            #expect(try await s.member(s.bobID)["status"] as? String == "left")
            // Less than 30 seconds away means forever.
            #expect(try await s.asBot("banChatMember", ["user_id": "\(s.bobID)", "until_date": "\(now + 110)"]).ok)
            #expect(try await s.member(s.bobID)["until_date"] as? Int == 0)
            #expect(try await s.asBot("unbanChatMember", ["user_id": "\(s.bobID)"]).ok)
            #expect(try await s.member(s.bobID)["status"] as? String == "left")

            #expect(try await s.asBot("unbanChatMember", ["user_id": "\(carolID)", "only_if_banned": "true"]).ok)
            #expect(try await s.member(carolID)["status"] as? String == "member")
            #expect(try await s.asBot("unbanChatMember", ["user_id": "\(carolID)"]).ok)
            #expect(try await s.member(carolID)["status"] as? String == "left")
            expectRefusal(try await s.asBot("unbanChatMember", ["user_id": "\(s.aliceID)"]), "Bad Request: can't remove chat owner")
        }
    }

    @Test func basicGroupsRemoveMembersAndRefuseSupergroupMethods() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (carol, carolID) = try await client.createUser("Carol")
            let s = try await scene(client, world, type: "group", others: [carolID])
            expectRefusal(try await s.asBot("banChatMember", ["user_id": "\(s.bobID)"]), "Bad Request: CHAT_ADMIN_REQUIRED")
            for method in ["unbanChatMember", "promoteChatMember"] {
                expectRefusal(try await s.asBot(method, ["user_id": "\(s.bobID)"]),
                              "Bad Request: method is available for supergroup and channel chats only")
            }
            expectRefusal(try await s.asBot("restrictChatMember", ["user_id": "\(s.bobID)", "permissions": "{}"]),
                          "Bad Request: method is available only for supergroups")
            _ = try await client.user(carol, "getUpdates", ["offset": "-1"])
            let seen = try await client.user(carol, "getUpdates", ["timeout": "0"]).resultArray.last?["update_id"] as? Int ?? 0

            #expect(try await s.asAlice("banChatMember", ["user_id": "\(s.bobID)"]).ok)
            #expect(try await s.member(s.bobID)["status"] as? String == "kicked")
            let carolSees = try await client.user(carol, "getUpdates", ["offset": "\(seen + 1)"]).resultArray
                .compactMap { $0["message"] as? [String: Any] }
            #expect(carolSees.contains { ($0["left_chat_member"] as? [String: Any])?["id"] as? Int == s.bobID })
            expectRefusal(try await s.asAlice("banChatMember", ["user_id": "\(s.bobID)"]), "Bad Request: USER_NOT_PARTICIPANT")
            expectRefusal(try await s.asAlice("setChatAdministratorCustomTitle", ["user_id": "\(carolID)", "custom_title": "x"]),
                          "Bad Request: user is not an administrator")
        }
    }

    @Test func promotionsRightsAndCustomTitles() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (_, carolID) = try await client.createUser("Carol")
            let s = try await scene(client, world, others: [carolID])
            try await s.promoteBot(["can_promote_members", "can_invite_users", "can_manage_video_chats"])
            #expect(try await s.asBot("promoteChatMember", ["user_id": "\(s.bobID)", "can_invite_users": "true"]).ok)
            let bob = try await s.member(s.bobID)
            #expect(bob["status"] as? String == "administrator" && bob["can_manage_chat"] as? Bool == true)
            #expect(bob["can_invite_users"] as? Bool == true && bob["can_promote_members"] as? Bool == false)

            #expect(try await s.asBot("setChatAdministratorCustomTitle", ["user_id": "\(s.bobID)", "custom_title": "  Door keeper of the hall  "]).ok)
            #expect(try await s.member(s.bobID)["custom_title"] as? String == "Door keeper of t")
            expectRefusal(try await s.asBot("setChatAdministratorCustomTitle", ["user_id": "\(s.bobID)", "custom_title": "Boss 🙂"]),
                          "Bad Request: CUSTOM_TITLE_EMOJI_NOT_ALLOWED")
            expectRefusal(try await s.asBot("setChatAdministratorCustomTitle", ["user_id": "\(s.aliceID)", "custom_title": "Boss"]),
                          "Bad Request: only the owner can edit their custom title")
            expectRefusal(try await s.asBot("setChatAdministratorCustomTitle", ["user_id": "\(carolID)", "custom_title": "Boss"]),
                          "Bad Request: user is not an administrator")
            #expect(try await s.asAlice("promoteChatMember", ["user_id": "\(carolID)", "can_invite_users": "true"]).ok)
            expectRefusal(try await s.asBot("setChatAdministratorCustomTitle", ["user_id": "\(carolID)", "custom_title": "Boss"]),
                          "Bad Request: not enough rights to change custom title of the user")
            // A new promotion keeps the title; passing no rights demotes.
            #expect(try await s.asBot("promoteChatMember", ["user_id": "\(s.bobID)", "can_manage_voice_chats": "true", "can_invite_users": "true"]).ok)
            let again = try await s.member(s.bobID)
            #expect(again["custom_title"] as? String == "Door keeper of t" && again["can_manage_video_chats"] as? Bool == true)
            #expect(try await s.asBot("promoteChatMember", ["user_id": "\(s.bobID)"]).ok)
            #expect(try await s.member(s.bobID)["status"] as? String == "member")
        }
    }

    @Test func channelPromotionsImplyRestrictingMembers() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let s = try await scene(client, world, type: "channel")
            #expect(try await s.asAlice("promoteChatMember", ["user_id": "\(s.botID)", "can_post_messages": "true"]).ok)
            let bot = try await s.member(s.botID)
            #expect(bot["can_post_messages"] as? Bool == true && bot["can_restrict_members"] as? Bool == true)
            #expect(try await s.asAlice("promoteChatMember", ["user_id": "\(s.bobID)", "can_post_messages": "true", "can_restrict_members": "false"]).ok)
            #expect(try await s.member(s.bobID)["can_restrict_members"] as? Bool == false)
            expectRefusal(try await s.asAlice("setChatAdministratorCustomTitle", ["user_id": "\(s.bobID)", "custom_title": "x"]),
                          "Bad Request: method is available only for groups and supergroups")
            expectRefusal(try await s.asAlice("setChatPermissions", ["permissions": "{}"]), "Bad Request: can't change channel chat permissions")
        }
    }

    @Test func defaultPermissionsNeedTheRightToRestrict() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let s = try await scene(client, world, type: "group")
            expectRefusal(try await s.asBot("setChatPermissions", ["permissions": "{}"]), "Bad Request: not enough rights to change chat permissions")
            #expect(try await s.asAlice("setChatPermissions", ["permissions": "{\"can_send_polls\":true}"]).ok)
            let permissions = try await s.asBot("getChat").resultObject["permissions"] as? [String: Any] ?? [:]
            #expect(permissions["can_send_messages"] as? Bool == true && permissions["can_send_polls"] as? Bool == true)
            #expect(permissions["can_send_photos"] as? Bool == false)
            #expect(try await client.user(s.bob, "sendMessage", ["chat_id": "\(s.chatID)", "text": "still allowed"]).ok)
            #expect(try await s.asAlice("setChatPermissions", ["permissions": "{}"]).ok)
            expectRefusal(try await client.user(s.bob, "sendMessage", ["chat_id": "\(s.chatID)", "text": "muted"]),
                          "Bad Request: not enough rights to send text messages to the chat")
            expectRefusal(try await client.user(s.alice, "setChatPermissions", ["chat_id": "\(s.botID)", "permissions": "{}"]),
                          "Bad Request: can't change private chat permissions")
        }
    }

    @Test func senderChatBans() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let s = try await scene(client, world)
            let channel = try await client.user(s.alice, "createChat", ["type": "channel", "title": "News"]).resultObject["id"] as? Int ?? 0
            expectRefusal(try await s.asBot("banChatSenderChat"), "Bad Request: sender_chat_id is empty")
            expectRefusal(try await s.asBot("banChatSenderChat", ["sender_chat_id": "abc"]), "Bad Request: sender_chat_id is not a valid Integer")
            expectRefusal(try await s.asBot("banChatSenderChat", ["sender_chat_id": "\(channel)"]),
                          "Bad Request: not enough rights to restrict/unrestrict chat member")
            #expect(try await s.asAlice("banChatSenderChat", ["sender_chat_id": "\(channel)"]).ok)
            #expect(try await s.asAlice("unbanChatSenderChat", ["sender_chat_id": "\(channel)"]).ok)
            expectRefusal(try await s.asAlice("banChatSenderChat", ["sender_chat_id": "-1009999999"]), "Bad Request: chat not found")
            // The most negative 64-bit id has no positive counterpart: it names no chat and must not trap.
            expectRefusal(try await s.asAlice("unbanChatSenderChat", ["sender_chat_id": "\(Int64.min)"]), "Bad Request: chat not found")
            expectRefusal(try await s.asAlice("sendMessage", ["chat_id": "\(Int64.min)", "text": "x"]), "Bad Request: chat not found")
        }
    }
}
