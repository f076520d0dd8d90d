import Foundation
import Testing

/// The remaining Bot API methods of issue 14 (item 6) and the user-side actions behind them:
/// passport errors, member tags, verification, boosts, managed bots, personal channels.
@Suite struct RestMethodsTests {
    /// A user, a bot the user wrote to, and a supergroup (or channel) the user created with
    /// the bot in it, promoted with `rights`.
    struct Scene {
        let pair: ChatPair
        let chatID: Int
    }

    func scene(_ client: Client, type: String = "supergroup", bot: String = "echo_bot", rights: [String]) async throws -> Scene {
        let (botToken, botID) = try await client.createBot(bot)
        let (user, userID) = try await client.createUser()
        try #require(try await client.user(user, "sendMessage", ["chat_id": "\(botID)", "text": "hi"]).ok)
        let pair = ChatPair(bot: botToken, botID: botID, user: user, userID: userID)
        let parameters = ["type": type, "title": "Team", "member_ids": "[\(pair.botID)]"]
        let created = try await client.user(pair.user, "createChat", parameters)
        try #require(created.ok, "createChat failed: \(created.body)")
        let chatID = created.resultObject["id"] as? Int ?? 0
        if !rights.isEmpty {
            var promote = ["chat_id": "\(chatID)", "user_id": "\(pair.botID)"]
            for right in rights { promote[right] = "true" }
            let promoted = try await client.user(pair.user, "promoteChatMember", promote)
            try #require(promoted.ok, "promoteChatMember failed: \(promoted.body)")
        }
        _ = try await client.drainUpdates(bot: pair.bot)
        return Scene(pair: pair, chatID: chatID)
    }

    // MARK: Passport

    @Test func passportErrorsAreCheckedAndShownToTheUser() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            func set(_ errors: String, user: Int? = nil) async throws -> Answer {
                try await client.bot(pair.bot, "setPassportDataErrors", ["user_id": "\(user ?? pair.userID)", "errors": errors])
            }
            #expect(try await set("nope").description == "Bad Request: can't parse errors JSON object")
            #expect(try await set("{}").description == "Bad Request: expected an Array of PassportElementError")
            #expect(try await set(#"[{"source":"data","type":"visa","message":"x"}]"#).description
                == "Bad Request: can't parse PassportElementError: wrong Telegram Passport element type specified")
            #expect(try await set(#"[{"source":"data","type":"passport","message":"x","field_name":"n","data_hash":"!!"}]"#).description
                == "Bad Request: can't parse PassportElementError: hash isn't a valid base64-encoded string")
            #expect(try await set(#"[{"source":"selfie","type":"passport","message":"x"}]"#).description
                == "Bad Request: can't parse PassportElementError: Can't find field \"file_hash\"")
            #expect(try await set(#"[{"source":"moon","type":"passport","message":"x"}]"#).description
                == "Bad Request: can't parse PassportElementError: wrong source specified")
            #expect(try await set("[]", user: 0).description == "Bad Request: invalid user_id specified")
            #expect(try await set("[]", user: 987_654).description == "Bad Request: user not found")

            let errors = #"[{"source":"front_side","type":"passport","file_hash":"aGFzaA==","message":"Blurry"}]"#
            #expect(try await set(errors).body == #"{"ok":true,"result":true}"#)
            let seen = try await client.user(pair.user, "getPassportDataErrors", ["bot_id": "\(pair.botID)"])
            let first = try #require(seen.resultArray.first)
            #expect(first["source"] as? String == "front_side" && first["message"] as? String == "Blurry")
            #expect(first["file_hash"] as? String == "aGFzaA==")
        }
    }

    // MARK: Member tags

    @Test func memberTagsNeedTheRightAndShowInChatMember() async throws {
        try await TestWorld().run { client in
            let s = try await scene(client, rights: ["can_manage_tags"])
            let (_, carolID) = try await client.createUser("Carol")
            let added = try await client.user(s.pair.user, "addChatMember", ["chat_id": "\(s.chatID)", "user_id": "\(carolID)"])
            try #require(added.ok, "\(added.body)")
            func tag(_ text: String, user: Int? = nil, chat: Int? = nil, as token: String? = nil) async throws -> Answer {
                try await client.bot(token ?? s.pair.bot, "setChatMemberTag", [
                    "chat_id": "\(chat ?? s.chatID)", "user_id": "\(user ?? carolID)", "tag": text,
                ])
            }
            #expect(try await tag("Designer").body == #"{"ok":true,"result":true}"#)
            let member = try await client.bot(s.pair.bot, "getChatMember", ["chat_id": "\(s.chatID)", "user_id": "\(carolID)"])
            #expect(member.resultObject["status"] as? String == "member" && member.resultObject["tag"] as? String == "Designer")
            #expect(try await tag("Star ⭐").description == "Bad Request: TAG_EMOJI_NOT_ALLOWED")
            #expect(try await tag("x", chat: s.pair.userID).description == "Bad Request: method is available only for groups and supergroups")
            #expect(try await tag("x", user: 987_654).description == "Bad Request: user not found")
            // An empty tag removes it.
            #expect(try await tag("").ok)
            let untagged = try await client.bot(s.pair.bot, "getChatMember", ["chat_id": "\(s.chatID)", "user_id": "\(carolID)"])
            #expect(untagged.resultObject["tag"] == nil)

            // Without can_manage_tags the bot may not tag members.
            let other = try await scene(client, bot: "other_bot", rights: ["can_invite_users"])
            let (_, daveID) = try await client.createUser("Dave")
            try #require(try await client.user(other.pair.user, "addChatMember", ["chat_id": "\(other.chatID)", "user_id": "\(daveID)"]).ok)
            let refused = try await client.bot(other.pair.bot, "setChatMemberTag", [
                "chat_id": "\(other.chatID)", "user_id": "\(daveID)", "tag": "Ops",
            ])
            #expect(refused.description == "Bad Request: CHAT_ADMIN_REQUIRED")
        }
    }

    // MARK: Verification

    @Test func verifierBotsVerifyUsersAndChats() async throws {
        try await TestWorld().run { client in
            let s = try await scene(client, type: "channel", rights: ["can_post_messages"])
            let verify = ["user_id": "\(s.pair.userID)", "custom_description": "Known author"]
            let refused = try await client.bot(s.pair.bot, "verifyUser", verify)
            #expect(refused.status == 403 && refused.description == "Forbidden: BOT_VERIFIER_FORBIDDEN")

            #expect(try await client.admin("setBotVerifier", ["user_id": "\(s.pair.botID)", "company": "Acme"]).ok)
            #expect(try await client.bot(s.pair.bot, "verifyUser", verify).body == #"{"ok":true,"result":true}"#)
            let shown = try await client.user(s.pair.user, "getVerification", ["chat_id": "\(s.pair.userID)"])
            #expect((shown.resultObject["bot"] as? [String: Any])?["id"] as? Int == s.pair.botID)
            #expect(shown.resultObject["company"] as? String == "Acme" && shown.resultObject["description"] as? String == "Known author")
            #expect(try await client.bot(s.pair.bot, "verifyUser", ["user_id": "987654"]).description == "Bad Request: user not found")

            // A chat without a custom description shows the organization's wording.
            #expect(try await client.bot(s.pair.bot, "verifyChat", ["chat_id": "\(s.chatID)"]).ok)
            let chat = try await client.user(s.pair.user, "getVerification", ["chat_id": "\(s.chatID)"])
            #expect(chat.resultObject["description"] as? String == "Was verified by organization \"Acme\"")
            #expect(try await client.bot(s.pair.bot, "verifyChat", ["chat_id": "-100999999"]).description == "Bad Request: chat not found")

            #expect(try await client.bot(s.pair.bot, "removeUserVerification", ["user_id": "\(s.pair.userID)"]).ok)
            #expect(try await client.bot(s.pair.bot, "removeChatVerification", ["chat_id": "\(s.chatID)"]).ok)
            #expect(try await client.user(s.pair.user, "getVerification", ["chat_id": "\(s.pair.userID)"]).body == #"{"ok":true,"result":null}"#)
            #expect(try await client.user(s.pair.user, "getVerification", ["chat_id": "\(s.chatID)"]).body == #"{"ok":true,"result":null}"#)

            // Taken back by the admin, the bot can no longer verify or remove.
            #expect(try await client.admin("setBotVerifier", ["user_id": "\(s.pair.botID)"]).ok)
            #expect(try await client.bot(s.pair.bot, "removeUserVerification", ["user_id": "\(s.pair.userID)"]).status == 403)
        }
    }

    // MARK: Boosts

    @Test func boostsReachAdministratorBotsAndGetUserChatBoosts() async throws {
        try await TestWorld().run { client in
            let s = try await scene(client, rights: ["can_invite_users"])
            let boost = ["chat_id": "\(s.chatID)"]
            #expect(try await client.user(s.pair.user, "boostChat", boost).description == "Bad Request: PREMIUM_ACCOUNT_REQUIRED")

            let premium = try await client.admin("createUser", ["first_name": "Pat", "is_premium": "true"])
            let pat = premium.resultObject["token"] as? String ?? ""
            let patID = (premium.resultObject["user"] as? [String: Any])?["id"] as? Int ?? 0
            #expect(try await client.user(pat, "boostChat", ["chat_id": "\(s.pair.botID)"]).description == "Bad Request: BOOST_PEER_INVALID")
            let boosted = try await client.user(pat, "boostChat", boost)
            #expect(boosted.ok, "\(boosted.body)")
            let boostID = try #require(boosted.resultObject["boost_id"] as? String)

            let updates = try await client.drainUpdates(bot: s.pair.bot)
            let update = try #require(updates.compactMap { $0["chat_boost"] as? [String: Any] }.first)
            #expect((update["chat"] as? [String: Any])?["id"] as? Int == s.chatID)
            let sent = update["boost"] as? [String: Any] ?? [:]
            #expect(sent["boost_id"] as? String == boostID)
            let source = sent["source"] as? [String: Any] ?? [:]
            #expect(source["source"] as? String == "premium" && (source["user"] as? [String: Any])?["id"] as? Int == patID)

            let listed = try await client.bot(s.pair.bot, "getUserChatBoosts", ["chat_id": "\(s.chatID)", "user_id": "\(patID)"])
            let boosts = listed.resultObject["boosts"] as? [[String: Any]] ?? []
            #expect(boosts.count == 1 && boosts.first?["boost_id"] as? String == boostID)
            #expect(try await client.bot(s.pair.bot, "getUserChatBoosts", ["chat_id": "\(s.chatID)", "user_id": "0"]).description
                == "Bad Request: invalid user_id specified")

            #expect(try await client.user(pat, "unboostChat", boost).body == #"{"ok":true,"result":1}"#)
            let removed = try await client.drainUpdates(bot: s.pair.bot).compactMap { $0["removed_chat_boost"] as? [String: Any] }
            #expect(removed.first?["boost_id"] as? String == boostID)
            let after = try await client.bot(s.pair.bot, "getUserChatBoosts", ["chat_id": "\(s.chatID)", "user_id": "\(patID)"])
            #expect(after.body == #"{"ok":true,"result":{"boosts":[]}}"#)

            // A bot that is not an administrator may not read boosts.
            let plain = try await scene(client, bot: "plain_bot", rights: [])
            let refused = try await client.bot(plain.pair.bot, "getUserChatBoosts", ["chat_id": "\(plain.chatID)", "user_id": "\(patID)"])
            #expect(refused.description == "Bad Request: CHAT_ADMIN_REQUIRED")
        }
    }

    // MARK: Managed bots

    @Test func aManagerBotReadsAndReplacesItsManagedBotsToken() async throws {
        try await TestWorld().run { client in
            let (manager, managerID) = try await client.createBot("manager_bot", name: "Manager")
            let (_, ownerID) = try await client.createUser("Olga")
            let created = try await client.admin("createBot", ["username": "shop_bot", "first_name": "Shop", "owner_user_id": "\(ownerID)"])
            let managedToken = created.resultObject["token"] as? String ?? ""
            let managedID = (created.resultObject["user"] as? [String: Any])?["id"] as? Int ?? 0

            #expect(try await client.bot(manager, "getManagedBotToken", ["user_id": "\(managedID)"]).description == "Bad Request: BOT_INVALID")
            #expect(try await client.bot(manager, "getManagedBotToken", ["user_id": "0"]).description == "Bad Request: invalid user_id specified")
            #expect(try await client.admin("setManagedBot", ["user_id": "\(managedID)", "manager_bot_id": "\(managerID)"]).ok)

            let updates = try await client.drainUpdates(bot: manager)
            let managed = try #require(updates.compactMap { $0["managed_bot"] as? [String: Any] }.first)
            #expect((managed["user"] as? [String: Any])?["id"] as? Int == ownerID)
            #expect((managed["bot"] as? [String: Any])?["id"] as? Int == managedID)

            let token = try await client.bot(manager, "getManagedBotToken", ["user_id": "\(managedID)"])
            #expect(token.result as? String == managedToken)
            let replaced = try await client.bot(manager, "replaceManagedBotToken", ["user_id": "\(managedID)"])
            let newToken = try #require(replaced.result as? String)
            #expect(newToken != managedToken && newToken.hasPrefix("\(managedID):"))
            #expect(try await client.bot(managedToken, "getMe").status == 401)
            #expect(try await client.bot(newToken, "getMe").ok)

            let initial = try await client.bot(manager, "getManagedBotAccessSettings", ["user_id": "\(managedID)"])
            #expect(initial.body == #"{"ok":true,"result":{"is_access_restricted":false}}"#)
            let restrict = ["user_id": "\(managedID)", "is_access_restricted": "true", "added_user_ids": "[\(ownerID)]"]
            #expect(try await client.bot(manager, "setManagedBotAccessSettings", restrict).ok)
            let now = try await client.bot(manager, "getManagedBotAccessSettings", ["user_id": "\(managedID)"])
            #expect(now.resultObject["is_access_restricted"] as? Bool == true)
            #expect((now.resultObject["added_users"] as? [[String: Any]])?.first?["id"] as? Int == ownerID)
            let tooMany = restrict.merging(["added_user_ids": "[1,2,3,4,5,6,7,8,9,10,11]"]) { $1 }
            #expect(try await client.bot(manager, "setManagedBotAccessSettings", tooMany).description
                == "Bad Request: too many user identifiers specified")
        }
    }

    // MARK: Personal channels

    @Test func botsReadTheLatestPostsOfAUsersPersonalChannel() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let channel = try await client.user(pair.user, "createChat", ["type": "channel", "title": "Diary", "username": "alice_diary"])
            let channelID = channel.resultObject["id"] as? Int ?? 0
            for text in ["first", "second", "third"] {
                try #require(try await client.user(pair.user, "sendMessage", ["chat_id": "\(channelID)", "text": text]).ok)
            }
            let read = ["user_id": "\(pair.userID)", "limit": "2"]
            #expect(try await client.bot(pair.bot, "getUserPersonalChatMessages", read).body == #"{"ok":true,"result":[]}"#)
            #expect(try await client.user(pair.user, "setPersonalChat", ["chat_id": "\(pair.botID)"]).description == "Bad Request: CHANNEL_INVALID")
            #expect(try await client.user(pair.user, "setPersonalChat", ["chat_id": "\(channelID)"]).ok)

            let posts = try await client.bot(pair.bot, "getUserPersonalChatMessages", read).resultArray
            #expect(posts.map { $0["text"] as? String } == ["third", "second"])
            #expect((posts.first?["chat"] as? [String: Any])?["id"] as? Int == channelID)
            #expect(try await client.bot(pair.bot, "getUserPersonalChatMessages", ["user_id": "\(pair.userID)"]).description
                == "Bad Request: parameter limit must be positive")
            #expect(try await client.bot(pair.bot, "getUserPersonalChatMessages", ["user_id": "987654", "limit": "1"]).description
                == "Bad Request: user not found")
        }
    }

    // MARK: Join-request queries

    /// A supergroup whose bot takes join-request queries, and an invite link that asks for approval.
    func joinScene(_ client: Client) async throws -> (scene: Scene, link: String) {
        let s = try await scene(client, rights: ["can_invite_users"])
        let support = try await client.admin("setBotQuerySupport", ["user_id": "\(s.pair.botID)", "supports_join_request_queries": "true"])
        #expect(support.resultObject["supports_join_request_queries"] as? Bool == true)
        #expect(support.resultObject["supports_guest_queries"] as? Bool == false)
        let link = try await client.user(s.pair.user, "createChatInviteLink", ["chat_id": "\(s.chatID)", "creates_join_request": "true"])
        return (s, try #require(link.resultObject["invite_link"] as? String))
    }

    /// The next join request the bot gets.
    func nextJoinRequest(_ client: Client, bot: String) async throws -> [String: Any] {
        let updates = try await client.bot(bot, "getUpdates", ["timeout": "5", "allowed_updates": #"["chat_join_request"]"#]).resultArray
        let update = try #require(updates.first(where: { $0["chat_join_request"] != nil }), "no chat_join_request")
        _ = try await client.bot(bot, "getUpdates", ["offset": "\((update["update_id"] as? Int ?? 0) + 1)"])
        return update["chat_join_request"] as? [String: Any] ?? [:]
    }

    @Test func aJoinRequestQueryApprovedByTheBotLetsTheUserIn() async throws {
        try await TestWorld().run { client in
            let (s, link) = try await joinScene(client)
            let (bob, bobID) = try await client.createUser("Bob")
            async let joined = client.user(bob, "joinChat", ["invite_link": link, "timeout": "10"])
            let request = try await nextJoinRequest(client, bot: s.pair.bot)
            let queryID = try #require(request["query_id"] as? String)
            #expect((request["from"] as? [String: Any])?["id"] as? Int == bobID)
            let bad = try await client.bot(s.pair.bot, "answerChatJoinRequestQuery", ["chat_join_request_query_id": queryID, "result": "maybe"])
            #expect(bad.description == "Bad Request: result must be one of \"approve\", \"decline\" or \"queue\"")
            let answered = try await client.bot(s.pair.bot, "answerChatJoinRequestQuery", ["chat_join_request_query_id": queryID, "result": "approve"])
            #expect(answered.body == #"{"ok":true,"result":true}"#)
            let answer = try await joined
            #expect(answer.ok && answer.resultObject["id"] as? Int == s.chatID, "\(answer.body)")
            let member = try await client.bot(s.pair.bot, "getChatMember", ["chat_id": "\(s.chatID)", "user_id": "\(bobID)"])
            #expect(member.resultObject["status"] as? String == "member")
            // One answer per query.
            let again = try await client.bot(s.pair.bot, "answerChatJoinRequestQuery", ["chat_join_request_query_id": queryID, "result": "decline"])
            #expect(again.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")
        }
    }

    @Test func aDeclinedOrUnansweredJoinRequestQueryEndsInRequestSent() async throws {
        try await TestWorld().run { client in
            let (s, link) = try await joinScene(client)
            let (bob, bobID) = try await client.createUser("Bob")
            async let declined = client.user(bob, "joinChat", ["invite_link": link])
            let request = try await nextJoinRequest(client, bot: s.pair.bot)
            let queryID = try #require(request["query_id"] as? String)
            #expect(try await client.bot(s.pair.bot, "answerChatJoinRequestQuery", ["chat_join_request_query_id": queryID, "result": "decline"]).ok)
            #expect(try await declined.description == "Bad Request: INVITE_REQUEST_SENT")
            let pending = try await client.user(s.pair.user, "getChatJoinRequests", ["chat_id": "\(s.chatID)"])
            #expect(pending.resultArray.isEmpty, "\(pending.body)")

            // No answer in time: the request stays pending and the query is closed.
            let waited = try await client.user(bob, "joinChat", ["invite_link": link, "timeout": "0.2"])
            #expect(waited.description == "Bad Request: INVITE_REQUEST_SENT")
            let late = try await nextJoinRequest(client, bot: s.pair.bot)
            let lateID = try #require(late["query_id"] as? String)
            let tooLate = try await client.bot(s.pair.bot, "answerChatJoinRequestQuery", ["chat_join_request_query_id": lateID, "result": "approve"])
            #expect(tooLate.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")
            let still = try await client.user(s.pair.user, "getChatJoinRequests", ["chat_id": "\(s.chatID)"])
            #expect(still.resultArray.map { ($0["from"] as? [String: Any])?["id"] as? Int } == [bobID])
        }
    }

    @Test func aJoinRequestWebAppReachesTheUser() async throws {
        try await TestWorld().run { client in
            let (s, link) = try await joinScene(client)
            let (bob, _) = try await client.createUser("Bob")
            async let asked = client.user(bob, "joinChat", ["invite_link": link])
            let request = try await nextJoinRequest(client, bot: s.pair.bot)
            let queryID = try #require(request["query_id"] as? String)
            let http = try await client.bot(s.pair.bot, "sendChatJoinRequestWebApp", ["chat_join_request_query_id": queryID, "web_app_url": "http://example.com/check"])
            #expect(http.description == "Bad Request: web App URL 'http://example.com/check' is invalid: Only HTTPS links are allowed")
            let sent = try await client.bot(s.pair.bot, "sendChatJoinRequestWebApp", ["chat_join_request_query_id": queryID, "web_app_url": "https://example.com/check"])
            #expect(sent.ok, "\(sent.body)")
            #expect(try await asked.description == "Bad Request: INVITE_REQUEST_SENT")
            let updates = try await client.drainUpdates(user: bob)
            let webApp = try #require(updates.compactMap { $0["chat_join_request_web_app"] as? [String: Any] }.first)
            #expect(webApp["web_app_url"] as? String == "https://example.com/check")
            #expect((webApp["chat"] as? [String: Any])?["id"] as? Int == s.chatID)
            #expect((webApp["bot"] as? [String: Any])?["id"] as? Int == s.pair.botID)
        }
    }

    // MARK: Guest queries

    @Test func aGuestBotAnswersAMentionInAChatItIsNotIn() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("guest_bot", name: "Guest")
            let (alice, aliceID) = try await client.createUser("Alice")
            let (carol, carolID) = try await client.createUser("Carol")
            let group = try await client.user(alice, "createChat", ["type": "supergroup", "title": "Team", "member_ids": "[\(carolID)]"])
            let chatID = group.resultObject["id"] as? Int ?? 0
            _ = try await client.drainUpdates(user: carol)

            // Without guest mode a mention asks no one.
            let plain = try await client.user(alice, "sendGuestMessage", ["chat_id": "\(chatID)", "text": "@guest_bot hi", "timeout": "0.2"])
            #expect((plain.resultObject["answers"] as? [Any])?.isEmpty == true, "\(plain.body)")
            #expect(try await client.admin("setBotQuerySupport", ["user_id": "\(botID)", "supports_guest_queries": "true"]).ok)

            async let asked = client.user(alice, "sendGuestMessage", ["chat_id": "\(chatID)", "text": "@guest_bot what time is it?"])
            let updates = try await client.bot(bot, "getUpdates", ["timeout": "5"]).resultArray
            let guest = try #require(updates.compactMap { $0["guest_message"] as? [String: Any] }.first, "\(updates)")
            let queryID = try #require(guest["guest_query_id"] as? String)
            #expect(guest["text"] as? String == "@guest_bot what time is it?")
            #expect((guest["from"] as? [String: Any])?["id"] as? Int == aliceID)
            #expect((guest["chat"] as? [String: Any])?["id"] as? Int == chatID)

            let result = #"{"type":"article","id":"1","title":"Time","input_message_content":{"message_text":"Noon"}}"#
            let answered = try await client.bot(bot, "answerGuestQuery", ["guest_query_id": queryID, "result": result])
            let inlineID = try #require(answered.resultObject["inline_message_id"] as? String, "\(answered.body)")
            #expect(!inlineID.isEmpty)
            let again = try await client.bot(bot, "answerGuestQuery", ["guest_query_id": queryID, "result": result])
            #expect(again.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")

            let answer = try await asked
            #expect((answer.resultObject["message"] as? [String: Any])?["text"] as? String == "@guest_bot what time is it?")
            let posted = try #require((answer.resultObject["answers"] as? [[String: Any]])?.first, "\(answer.body)")
            #expect(posted["text"] as? String == "Noon")
            #expect((posted["from"] as? [String: Any])?["id"] as? Int == botID)
            #expect((posted["guest_bot_caller_user"] as? [String: Any])?["id"] as? Int == aliceID)
            // The other members see the bot's answer in the chat.
            let seen = try await client.drainUpdates(user: carol).compactMap { $0["message"] as? [String: Any] }
            #expect(seen.contains { $0["text"] as? String == "Noon" && ($0["from"] as? [String: Any])?["id"] as? Int == botID })
            // The bot may edit its answer by the inline message id.
            let edited = try await client.bot(bot, "editMessageText", ["inline_message_id": inlineID, "text": "Half past noon"])
            #expect(edited.body == #"{"ok":true,"result":true}"#)

            let channel = try await client.user(alice, "createChat", ["type": "channel", "title": "News"])
            let refused = try await client.user(alice, "sendGuestMessage", ["chat_id": "\(channel.resultObject["id"] as? Int ?? 0)", "text": "@guest_bot hi"])
            #expect(refused.description == "Bad Request: CHAT_TYPE_INVALID")
        }
    }
}
