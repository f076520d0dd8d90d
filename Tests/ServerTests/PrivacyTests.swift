import Foundation
import Testing

/// Privacy as Telegram's (issue 10, item 5; reproducers 5 and 7): a bot sees an account or a
/// chat only after an interaction Telegram would count, and a `file_id` works only for the
/// accounts that were given the file.
@Suite struct PrivacyTests {
    func expectRefusal(_ answer: Answer, _ status: Int, _ description: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(answer.status == status, "\(answer.body)", sourceLocation: sourceLocation)
        #expect(answer.description == description, "\(answer.body)", sourceLocation: sourceLocation)
    }

    func createChat(_ client: Client, _ user: String, type: String, members: [Int], username: String? = nil) async throws -> Int {
        var parameters = ["type": type, "title": "Team", "member_ids": "\(members)"]
        if let username { parameters["username"] = username }
        let answer = try await client.user(user, "createChat", parameters)
        try #require(answer.ok, "createChat failed: \(answer.body)")
        return answer.resultObject["id"] as? Int ?? 0
    }

    /// The bot's view of `userID`: its first name, or the refusal's description.
    func botView(_ client: Client, _ bot: String, of userID: Int) async throws -> String? {
        let answer = try await client.bot(bot, "getChat", ["chat_id": "\(userID)"])
        return answer.ok ? answer.resultObject["first_name"] as? String : answer.description
    }

    // MARK: Accounts

    /// Reproducer 5: ids are sequential, and a guess must not reveal anyone's names.
    @Test func guessedIdsAnswerAsUnknownOnes() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("guess_bot", name: "Guess")
            let (_, otherBotID) = try await client.createBot("other_bot", name: "Other")
            let (_, carolID) = try await client.createUser("Carol", username: "carol")
            let (alice, _) = try await client.createUser("Alice")
            let group = try await createChat(client, alice, type: "supergroup", members: [botID])
            #expect(try await client.user(alice, "promoteChatMember", [
                "chat_id": "\(group)", "user_id": "\(botID)", "can_restrict_members": "true", "can_promote_members": "true",
            ]).ok)

            for id in [carolID, otherBotID, carolID + 1000] {
                expectRefusal(try await client.bot(bot, "getChat", ["chat_id": "\(id)"]), 400, "Bad Request: chat not found")
                expectRefusal(try await client.bot(bot, "sendMessage", ["chat_id": "\(id)", "text": "hi"]), 400, "Bad Request: chat not found")
                for method in ["getChatMember", "banChatMember", "restrictChatMember", "promoteChatMember"] {
                    var parameters = ["chat_id": "\(group)", "user_id": "\(id)"]
                    if method == "restrictChatMember" { parameters["permissions"] = #"{"can_send_messages":false}"# }
                    expectRefusal(try await client.bot(bot, method, parameters), 400, "Bad Request: user not found")
                }
            }
            // People keep their reach (docs/user-api-extensions.md, "Privacy").
            #expect(try await client.user(alice, "getChat", ["chat_id": "\(carolID)"]).resultObject["first_name"] as? String == "Carol")
        }
    }

    @Test func startingTheBotMakesTheUserVisible() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("start_bot", name: "Start")
            let (alice, aliceID) = try await client.createUser("Alice")
            #expect(try await botView(client, bot, of: aliceID) == "Bad Request: chat not found")
            #expect(try await client.user(alice, "startBot", ["bot_id": "\(botID)"]).ok)
            #expect(try await botView(client, bot, of: aliceID) == "Alice")
            #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(aliceID)", "text": "welcome"]).ok)
        }
    }

    /// A shared group makes a member visible, also after they left, but the bot still can't
    /// write to someone who never wrote to it.
    @Test func aSharedGroupMakesMembersVisible() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("group_bot", name: "Group")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            #expect(try await botView(client, bot, of: bobID) == "Bad Request: chat not found")
            let group = try await createChat(client, alice, type: "group", members: [botID, bobID])
            #expect(try await botView(client, bot, of: bobID) == "Bob")
            expectRefusal(
                try await client.bot(bot, "sendMessage", ["chat_id": "\(bobID)", "text": "hi"]), 403,
                "Forbidden: bot can't initiate conversation with a user")
            let member = try await client.bot(bot, "getChatMember", ["chat_id": "\(group)", "user_id": "\(bobID)"])
            #expect(member.resultObject["status"] as? String == "member")

            #expect(try await client.user(bob, "leaveChat", ["chat_id": "\(group)"]).ok)
            #expect(try await botView(client, bot, of: bobID) == "Bob")
            let left = try await client.bot(bot, "getChatMember", ["chat_id": "\(group)", "user_id": "\(bobID)"])
            #expect(left.resultObject["status"] as? String == "left")
        }
    }

    @Test func aForwardOriginMakesTheOriginalSenderVisible() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("fwd_bot", name: "Forwards")
            let (alice, aliceID) = try await client.createUser("Alice")
            let (carol, carolID) = try await client.createUser("Carol")
            let written = try await client.user(carol, "sendMessage", ["chat_id": "\(aliceID)", "text": "from Carol"])
            let messageID = try #require(written.resultObject["message_id"] as? Int)
            #expect(try await botView(client, bot, of: carolID) == "Bad Request: chat not found")

            let forwarded = try await client.user(alice, "forwardMessage", [
                "chat_id": "\(botID)", "from_chat_id": "\(carolID)", "message_id": "\(messageID)",
            ])
            try #require(forwarded.ok, "\(forwarded.body)")
            #expect(try await botView(client, bot, of: carolID) == "Carol")
        }
    }

    @Test func aTextMentionMakesTheMentionedUserVisible() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("mention_bot", name: "Mentions")
            let (alice, aliceID) = try await client.createUser("Alice")
            let (_, daveID) = try await client.createUser("Dave")
            #expect(try await client.user(alice, "startBot", ["bot_id": "\(botID)"]).ok)
            let mention = #"[{"type":"text_mention","offset":0,"length":4,"user":{"id":\#(daveID),"is_bot":false,"first_name":"Dave"}}]"#
            // The bot can't mention someone it has never seen either.
            expectRefusal(
                try await client.bot(bot, "sendMessage", ["chat_id": "\(aliceID)", "text": "Dave", "entities": mention]), 400,
                "Bad Request: can't parse entities: user not found")
            #expect(try await botView(client, bot, of: daveID) == "Bad Request: chat not found")

            #expect(try await client.user(alice, "sendMessage", ["chat_id": "\(botID)", "text": "Dave", "entities": mention]).ok)
            #expect(try await botView(client, bot, of: daveID) == "Dave")
            #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(aliceID)", "text": "Dave", "entities": mention]).ok)
        }
    }

    @Test func aJoinRequestMakesTheRequesterVisibleToTheApprover() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("door_bot", name: "Door")
            let (alice, _) = try await client.createUser("Alice")
            let (erin, erinID) = try await client.createUser("Erin")
            let group = try await createChat(client, alice, type: "supergroup", members: [botID])
            #expect(try await client.user(alice, "promoteChatMember", [
                "chat_id": "\(group)", "user_id": "\(botID)", "can_invite_users": "true",
            ]).ok)
            let link = try await client.user(alice, "createChatInviteLink", ["chat_id": "\(group)", "creates_join_request": "true"])
            let url = try #require(link.resultObject["invite_link"] as? String)
            #expect(try await botView(client, bot, of: erinID) == "Bad Request: chat not found")

            expectRefusal(try await client.user(erin, "joinChat", ["invite_link": url]), 400, "Bad Request: INVITE_REQUEST_SENT")
            #expect(try await botView(client, bot, of: erinID) == "Erin")
            #expect(try await client.bot(bot, "approveChatJoinRequest", ["chat_id": "\(group)", "user_id": "\(erinID)"]).ok)
        }
    }

    // MARK: Chats

    /// A bot finds a group by its numeric id only if it is or was in it; public chats still
    /// resolve by username.
    @Test func groupsByNumericIdRequireMembership() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("outsider_bot", name: "Outsider")
            let (alice, _) = try await client.createUser("Alice")
            let open = try await createChat(client, alice, type: "supergroup", members: [], username: "open_team")
            let closed = try await createChat(client, alice, type: "group", members: [])
            for id in [open, closed] {
                expectRefusal(try await client.bot(bot, "getChat", ["chat_id": "\(id)"]), 400, "Bad Request: chat not found")
                expectRefusal(try await client.bot(bot, "sendMessage", ["chat_id": "\(id)", "text": "hi"]), 400, "Bad Request: chat not found")
            }
            let byName = try await client.bot(bot, "getChat", ["chat_id": "@open_team"])
            #expect(byName.resultObject["id"] as? Int == open)

            // Once a member, always found: after leaving, the official "not a member" refusals.
            #expect(try await client.user(alice, "addChatMember", ["chat_id": "\(closed)", "user_id": "\(botID)"]).ok)
            #expect(try await client.bot(bot, "leaveChat", ["chat_id": "\(closed)"]).ok)
            expectRefusal(try await client.bot(bot, "getChat", ["chat_id": "\(closed)"]), 403, "Forbidden: bot is not a member of the group chat")
        }
    }

    // MARK: Files

    /// Reproducer 7: a `file_id` leaked to another bot is refused until that bot receives it.
    @Test func aLeakedFileIDIsRefusedUntilReceived() async throws {
        try await TestWorld().run { client in
            let (owner, ownerID) = try await client.createBot("owner_bot", name: "Owner")
            let (thief, thiefID) = try await client.createBot("thief_bot", name: "Thief")
            let (alice, aliceID) = try await client.createUser("Alice")
            let (bob, _) = try await client.createUser("Bob")
            for bot in [ownerID, thiefID] { #expect(try await client.user(alice, "startBot", ["bot_id": "\(bot)"]).ok) }

            let sent = try await client.upload(
                "bot\(owner)", "sendDocument", ["chat_id": "\(aliceID)"],
                files: [("document", "notes.txt", "text/plain", Array("secret notes".utf8))])
            let document = try #require(sent.resultObject["document"] as? [String: Any])
            let fileID = try #require(document["file_id"] as? String)
            let messageID = try #require(sent.resultObject["message_id"] as? Int)
            // The uploader and the recipient hold it.
            #expect(try await client.bot(owner, "getFile", ["file_id": fileID]).ok)
            #expect(try await client.user(alice, "getFile", ["file_id": fileID]).ok)

            let foreign = "Bad Request: wrong file identifier/HTTP URL specified"
            expectRefusal(try await client.bot(thief, "sendDocument", ["chat_id": "\(aliceID)", "document": fileID]), 400, foreign)
            expectRefusal(try await client.bot(thief, "getFile", ["file_id": fileID]), 400, foreign)
            expectRefusal(try await client.user(bob, "sendDocument", ["chat_id": "\(aliceID)", "document": fileID]), 400, foreign)
            expectRefusal(try await client.user(bob, "getFile", ["file_id": fileID]), 400, foreign)

            // Alice forwards the document to the other bot, which then holds it.
            #expect(try await client.user(alice, "forwardMessage", [
                "chat_id": "\(thiefID)", "from_chat_id": "\(ownerID)", "message_id": "\(messageID)",
            ]).ok)
            #expect(try await client.bot(thief, "getFile", ["file_id": fileID]).ok)
            let resent = try await client.bot(thief, "sendDocument", ["chat_id": "\(aliceID)", "document": fileID])
            #expect((resent.resultObject["document"] as? [String: Any])?["file_id"] as? String == fileID)
        }
    }

    /// Group members who got a media message hold its file; those who did not (a bot in
    /// privacy mode) don't.
    @Test func groupMembersWhoGotTheMessageHoldItsFile() async throws {
        try await TestWorld().run { client in
            let (quiet, quietID) = try await client.createBot("quiet_bot", name: "Quiet")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let group = try await createChat(client, alice, type: "group", members: [bobID, quietID])
            let sent = try await client.upload(
                "user\(alice)", "sendDocument", ["chat_id": "\(group)"],
                files: [("document", "plan.txt", "text/plain", Array("the plan".utf8))])
            let fileID = try #require((sent.resultObject["document"] as? [String: Any])?["file_id"] as? String)
            let messageID = try #require(sent.resultObject["message_id"] as? Int)
            #expect(try await client.user(bob, "getFile", ["file_id": fileID]).ok)
            expectRefusal(try await client.bot(quiet, "getFile", ["file_id": fileID]), 400, "Bad Request: wrong file identifier/HTTP URL specified")

            // A message the bot gets (it is mentioned) that replies to the document carries it
            // along (reply_to_message), so the bot holds it then.
            #expect(try await client.user(alice, "sendMessage", [
                "chat_id": "\(group)", "text": "see above", "reply_to_message_id": "\(messageID)",
                "entities": #"[{"type":"text_mention","offset":0,"length":3,"user":{"id":\#(quietID),"is_bot":true,"first_name":"Quiet"}}]"#,
            ]).ok)
            #expect(try await client.bot(quiet, "getFile", ["file_id": fileID]).ok)
        }
    }
}
