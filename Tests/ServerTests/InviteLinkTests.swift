import Foundation
import Testing

/// Invite links, joining by link and join requests (issue 5).
@Suite struct InviteLinkTests {
    @Test func joiningByLinkTellsAdminBotsWhichLink() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot("door_bot", name: "Door")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [botID])

            let refused = try await client.bot(bot, "createChatInviteLink", ["chat_id": "\(chatID)"])
            #expect(refused.description == "Bad Request: not enough rights to manage chat invite link")
            try await ChatSetup.makeAdmin(world, chatID: chatID, accountID: botID, rights: ["can_invite_users"])
            _ = try await ChatSetup.updates(client, bot: bot, allowed: #"["chat_member","message","chat_join_request"]"#)

            let created = try await client.bot(bot, "createChatInviteLink", ["chat_id": "\(chatID)", "name": "Spring  promo", "member_limit": "1"])
            let link = try #require(created.resultObject["invite_link"] as? String)
            #expect(link.hasPrefix("https://t.me/+"))
            #expect(created.resultObject["name"] as? String == "Spring promo")
            #expect(created.resultObject["member_limit"] as? Int == 1)
            #expect(created.resultObject["is_primary"] as? Bool == false)

            let joined = try await client.user(bob, "joinChat", ["invite_link": link])
            #expect(joined.ok && joined.resultObject["id"] as? Int == chatID)
            let updates = try await ChatSetup.updates(client, bot: bot)
            let member = try #require(updates.compactMap { $0["chat_member"] as? [String: Any] }.last)
            #expect((member["new_chat_member"] as? [String: Any])?["status"] as? String == "member")
            #expect((member["invite_link"] as? [String: Any])?["invite_link"] as? String == link)
            #expect(ChatSetup.messages(updates).last?["new_chat_members"] != nil)

            // The one place the link offered is taken.
            let (carol, _) = try await client.createUser("Carol")
            let full = try await client.user(carol, "joinChat", ["invite_link": link])
            #expect(full.description == "Bad Request: INVITE_HASH_EXPIRED")
            let again = try await client.user(bob, "joinChat", ["invite_link": link])
            #expect(again.description == "Bad Request: USER_ALREADY_PARTICIPANT" || again.description == "Bad Request: INVITE_HASH_EXPIRED")
            let bogus = try await client.user(carol, "joinChat", ["invite_link": "https://t.me/+nothing"])
            #expect(bogus.description == "Bad Request: INVITE_HASH_INVALID")
            _ = bobID
        }
    }

    @Test func linksExpireAndCanBeRevoked() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (alice, _) = try await client.createUser("Alice")
            let (bob, _) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, members: [])
            let now = Int(world.clock.now())

            let conflicting = try await client.user(alice, "createChatInviteLink", [
                "chat_id": "\(chatID)", "member_limit": "5", "creates_join_request": "true",
            ])
            #expect(conflicting.description == "Bad Request: member limit can't be specified for links requiring administrator approval")
            let past = try await client.user(alice, "createChatInviteLink", ["chat_id": "\(chatID)", "expire_date": "\(now - 10)"])
            #expect(past.description == "Bad Request: EXPIRE_DATE_INVALID")

            let expiring = try await client.user(alice, "createChatInviteLink", ["chat_id": "\(chatID)", "expire_date": "\(now + 60)"])
            let expiringLink = try #require(expiring.resultObject["invite_link"] as? String)
            world.clock.advance(by: 120)
            #expect(try await client.user(bob, "joinChat", ["invite_link": expiringLink]).description == "Bad Request: INVITE_HASH_EXPIRED")

            let primary = try #require(try await client.user(alice, "exportChatInviteLink", ["chat_id": "\(chatID)"]).result as? String)
            let edit = try await client.user(alice, "editChatInviteLink", ["chat_id": "\(chatID)", "invite_link": primary, "name": "x"])
            #expect(edit.description == "Bad Request: CHAT_INVITE_PERMANENT")
            let revoked = try await client.user(alice, "revokeChatInviteLink", ["chat_id": "\(chatID)", "invite_link": primary])
            #expect(revoked.resultObject["is_revoked"] as? Bool == true)
            #expect(try await client.user(bob, "joinChat", ["invite_link": primary]).description == "Bad Request: INVITE_HASH_EXPIRED")

            let second = try #require(try await client.user(alice, "exportChatInviteLink", ["chat_id": "\(chatID)"]).result as? String)
            #expect(second != primary)
            #expect(try await client.user(alice, "getChat", ["chat_id": "\(chatID)"]).resultObject["invite_link"] as? String == second)
            #expect(try await client.user(bob, "joinChat", ["invite_link": second]).ok)
        }
    }

    @Test func joinRequestsReachAdminBotsAndAreApproved() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot("gate_bot", name: "Gate")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let (carol, carolID) = try await client.createUser("Carol")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [botID])
            try await ChatSetup.makeAdmin(world, chatID: chatID, accountID: botID, rights: ["can_invite_users"])
            _ = try await ChatSetup.updates(client, bot: bot, allowed: #"["chat_member","message","chat_join_request"]"#)

            let created = try await client.user(alice, "createChatInviteLink", ["chat_id": "\(chatID)", "creates_join_request": "true"])
            let link = try #require(created.resultObject["invite_link"] as? String)
            #expect(created.resultObject["creates_join_request"] as? Bool == true)

            let asked = try await client.user(bob, "joinChat", ["invite_link": link])
            #expect(asked.errorCode == 400 && asked.description == "Bad Request: INVITE_REQUEST_SENT")
            _ = try await client.user(carol, "joinChat", ["invite_link": link])
            let requests = try await ChatSetup.updates(client, bot: bot).compactMap { $0["chat_join_request"] as? [String: Any] }
            #expect(requests.compactMap { ($0["from"] as? [String: Any])?["id"] as? Int } == [bobID, carolID])
            #expect(requests.first?["user_chat_id"] as? Int == bobID)
            #expect((requests.first?["invite_link"] as? [String: Any])?["invite_link"] as? String == link)

            #expect(try await client.bot(bot, "approveChatJoinRequest", ["chat_id": "\(chatID)", "user_id": "\(bobID)"]).ok)
            let twice = try await client.bot(bot, "approveChatJoinRequest", ["chat_id": "\(chatID)", "user_id": "\(bobID)"])
            // Bob is a member now: nothing left to approve.
            #expect(twice.description == "Bad Request: USER_ALREADY_PARTICIPANT")
            let member = try await client.bot(bot, "getChatMember", ["chat_id": "\(chatID)", "user_id": "\(bobID)"])
            #expect(member.resultObject["status"] as? String == "member")
            let updated = try await ChatSetup.updates(client, bot: bot).compactMap { $0["chat_member"] as? [String: Any] }.last
            #expect(updated?["via_join_request"] as? Bool == true)

            #expect(try await client.bot(bot, "declineChatJoinRequest", ["chat_id": "\(chatID)", "user_id": "\(carolID)"]).ok)
            let carolStatus = try await client.bot(bot, "getChatMember", ["chat_id": "\(chatID)", "user_id": "\(carolID)"])
            #expect(carolStatus.resultObject["status"] as? String == "left")
        }
    }
}
