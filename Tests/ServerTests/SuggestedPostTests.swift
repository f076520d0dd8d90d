import Foundation
import Testing

/// A channel's direct messages and the posts users suggest there (issue 14, item 6): the
/// owner opens them (`setChannelDirectMessages`), a user writes and suggests, the channel's
/// administrator bot reads, answers in the topic, approves (published now or on the world's
/// clock, paid in Stars) or declines.
@Suite struct SuggestedPostTests {
    /// A channel owned by `owner` with `bot` as an administrator holding `rights`, its direct
    /// messages open, and `reader`, a user who writes there.
    struct Scene {
        let owner: String
        let ownerID: Int
        let bot: String
        let botID: Int
        let reader: String
        let readerID: Int
        let channelID: Int
        let directID: Int
    }

    func scene(
        _ client: Client, bot name: String = "channel_bot", rights: [String] = ["can_post_messages", "can_manage_direct_messages"],
        starCount: Int = 0
    ) async throws -> Scene {
        let (bot, botID) = try await client.createBot(name)
        let (owner, ownerID) = try await client.createUser("Olga")
        let (reader, readerID) = try await client.createUser("Bob")
        let created = try await client.user(owner, "createChat", ["type": "channel", "title": "News", "member_ids": "[\(botID)]"])
        let channelID = try #require(created.resultObject["id"] as? Int)
        var promote = ["chat_id": "\(channelID)", "user_id": "\(botID)"]
        for right in rights { promote[right] = "true" }
        try #require(try await client.user(owner, "promoteChatMember", promote).ok)
        let opened = try await client.user(
            owner, "setChannelDirectMessages", ["chat_id": "\(channelID)", "enabled": "true", "star_count": "\(starCount)"])
        try #require(opened.ok, "\(opened.body)")
        let directID = try #require(opened.resultObject["id"] as? Int)
        _ = try await client.drainUpdates(bot: bot)
        return Scene(owner: owner, ownerID: ownerID, bot: bot, botID: botID, reader: reader, readerID: readerID, channelID: channelID, directID: directID)
    }

    func suggest(_ client: Client, _ s: Scene, text: String, parameters: String) async throws -> Answer {
        try await client.user(s.reader, "sendMessage", ["chat_id": "\(s.directID)", "text": text, "suggested_post_parameters": parameters])
    }

    func messages(_ updates: [[String: Any]], _ kind: String = "message") -> [[String: Any]] {
        updates.compactMap { $0[kind] as? [String: Any] }
    }

    func balance(_ client: Client, user token: String) async throws -> Int? {
        try await client.user(token, "getMyStarBalance").resultObject["amount"] as? Int
    }

    // MARK: Opening direct messages

    @Test func openingDirectMessagesMakesAChatWhoseParentIsTheChannel() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("channel_bot")
            let (owner, _) = try await client.createUser("Olga")
            let created = try await client.user(owner, "createChat", ["type": "channel", "title": "News", "member_ids": "[\(botID)]"])
            let channelID = try #require(created.resultObject["id"] as? Int)
            try #require(try await client.user(owner, "promoteChatMember", [
                "chat_id": "\(channelID)", "user_id": "\(botID)", "can_post_messages": "true", "can_manage_direct_messages": "true",
            ]).ok)
            _ = try await client.drainUpdates(bot: bot)
            #expect(try await client.bot(bot, "setChannelDirectMessages", ["chat_id": "\(channelID)"]).status == 404)

            let opened = try await client.user(owner, "setChannelDirectMessages", ["chat_id": "\(channelID)", "enabled": "true", "star_count": "3"])
            #expect(opened.resultObject["type"] as? String == "supergroup" && opened.resultObject["is_direct_messages"] as? Bool == true)
            #expect(opened.resultObject["title"] as? String == "News")
            let directID = try #require(opened.resultObject["id"] as? Int)
            let posts = messages(try await client.drainUpdates(bot: bot), "channel_post")
            let changed = try #require(posts.compactMap { $0["direct_message_price_changed"] as? [String: Any] }.first)
            #expect(changed["are_direct_messages_enabled"] as? Bool == true && changed["direct_message_star_count"] as? Int == 3)

            let info = try await client.bot(bot, "getChat", ["chat_id": "\(directID)"])
            #expect(info.resultObject["is_direct_messages"] as? Bool == true)
            #expect((info.resultObject["parent_chat"] as? [String: Any])?["id"] as? Int == channelID)
            // Opening again keeps the same chat.
            let again = try await client.user(owner, "setChannelDirectMessages", ["chat_id": "\(channelID)", "enabled": "true"])
            #expect(again.resultObject["id"] as? Int == directID)
            #expect(try await client.user(owner, "setChannelDirectMessages", ["chat_id": "\(channelID)", "star_count": "10001"]).description
                == "Bad Request: invalid price for paid message specified")
        }
    }

    // MARK: Suggesting, approving, paying

    @Test func anApprovedPaidSuggestionIsPublishedAndPaidForADayLater() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let s = try await scene(client)
            let sent = try await suggest(client, s, text: "Post me", parameters: #"{"price":{"currency":"XTR","amount":10}}"#)
            #expect(sent.ok, "\(sent.body)")
            let postID = try #require(sent.resultObject["message_id"] as? Int)
            #expect((sent.resultObject["direct_messages_topic"] as? [String: Any])?["topic_id"] as? Int == s.readerID)

            // The administrator bot gets the suggestion as a message of the direct-messages chat.
            let received = try #require(messages(try await client.drainUpdates(bot: s.bot)).first)
            #expect((received["chat"] as? [String: Any])?["is_direct_messages"] as? Bool == true)
            #expect((received["chat"] as? [String: Any])?["id"] as? Int == s.directID)
            #expect((received["from"] as? [String: Any])?["id"] as? Int == s.readerID)
            let topic = received["direct_messages_topic"] as? [String: Any] ?? [:]
            #expect(topic["topic_id"] as? Int == s.readerID && (topic["user"] as? [String: Any])?["first_name"] as? String == "Bob")
            let info = received["suggested_post_info"] as? [String: Any] ?? [:]
            #expect(info["state"] as? String == "pending")
            #expect((info["price"] as? [String: Any])?["currency"] as? String == "XTR" && (info["price"] as? [String: Any])?["amount"] as? Int == 10)

            // Bob can't pay yet: the approval fails, and both sides hear it.
            let approve = ["chat_id": "\(s.directID)", "message_id": "\(postID)"]
            #expect(try await client.bot(s.bot, "approveSuggestedPost", approve).body == #"{"ok":true,"result":true}"#)
            let failed = messages(try await client.drainUpdates(bot: s.bot)).compactMap { $0["suggested_post_approval_failed"] as? [String: Any] }
            #expect(failed.count == 1 && (failed.first?["price"] as? [String: Any])?["amount"] as? Int == 10)
            #expect((failed.first?["suggested_post_message"] as? [String: Any])?["message_id"] as? Int == postID)
            let readerSaw = messages(try await client.drainUpdates(user: s.reader))
            #expect(readerSaw.contains { $0["suggested_post_approval_failed"] != nil })

            #expect(try await client.admin("addStars", ["user_id": "\(s.readerID)", "amount": "50"]).ok)
            #expect(try await client.bot(s.bot, "approveSuggestedPost", approve).ok)
            #expect(try await balance(client, user: s.reader) == 40)
            let updates = try await client.drainUpdates(bot: s.bot)
            let approved = try #require(messages(updates).compactMap { $0["suggested_post_approved"] as? [String: Any] }.first)
            #expect(approved["send_date"] as? Int == Int(world.clock.now()))
            #expect(((approved["suggested_post_message"] as? [String: Any])?["suggested_post_info"] as? [String: Any])?["state"] as? String == "approved")
            let post = try #require(messages(updates, "channel_post").first)
            #expect(post["text"] as? String == "Post me" && post["is_paid_post"] as? Bool == true)
            #expect((post["chat"] as? [String: Any])?["id"] as? Int == s.channelID)
            #expect(post["direct_messages_topic"] == nil && post["suggested_post_info"] == nil)

            #expect(try await client.bot(s.bot, "approveSuggestedPost", approve).description == "Bad Request: message can't be used in the method")

            // A day later the channel is paid: its owner gets the Stars, the topic hears it.
            let ownerBefore = try await balance(client, user: s.owner) ?? 0
            #expect(try await client.admin("advanceTime", ["seconds": "86401"]).ok)
            #expect(try await balance(client, user: s.owner) == ownerBefore + 10)
            let paid = try #require(messages(try await client.drainUpdates(bot: s.bot)).compactMap { $0["suggested_post_paid"] as? [String: Any] }.first)
            #expect(paid["currency"] as? String == "XTR" && (paid["star_amount"] as? [String: Any])?["amount"] as? Int == 10)
        }
    }

    @Test func deletingAPaidPostBeforeItIsPaidForRefundsItsAuthor() async throws {
        try await TestWorld().run { client in
            let s = try await scene(client)
            #expect(try await client.admin("addStars", ["user_id": "\(s.readerID)", "amount": "20"]).ok)
            let sent = try await suggest(client, s, text: "Paid", parameters: #"{"price":{"currency":"XTR","amount":20}}"#)
            let postID = try #require(sent.resultObject["message_id"] as? Int)
            _ = try await client.drainUpdates(bot: s.bot)
            #expect(try await client.bot(s.bot, "approveSuggestedPost", ["chat_id": "\(s.directID)", "message_id": "\(postID)"]).ok)
            #expect(try await balance(client, user: s.reader) == 0)
            let published = try #require(messages(try await client.drainUpdates(bot: s.bot), "channel_post").first?["message_id"] as? Int)

            #expect(try await client.user(s.owner, "deleteMessage", ["chat_id": "\(s.channelID)", "message_id": "\(published)"]).ok)
            #expect(try await balance(client, user: s.reader) == 20)
            let refunded = messages(try await client.drainUpdates(bot: s.bot)).compactMap { $0["suggested_post_refunded"] as? [String: Any] }
            #expect(refunded.count == 1 && refunded.first?["reason"] as? String == "post_deleted")
            // Nothing is paid a day later.
            #expect(try await client.admin("advanceTime", ["seconds": "86401"]).ok)
            #expect(try await balance(client, user: s.owner) == 0)
            #expect(messages(try await client.drainUpdates(bot: s.bot)).allSatisfy { $0["suggested_post_paid"] == nil })
        }
    }

    @Test func aPostApprovedForLaterIsPublishedWhenTheWorldsClockGetsThere() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let s = try await scene(client)
            let now = Int(world.clock.now())
            let dated = try await suggest(client, s, text: "Tomorrow", parameters: #"{"send_date":\#(now + 3600)}"#)
            let datedID = try #require(dated.resultObject["message_id"] as? Int)
            let plain = try await client.user(s.reader, "sendDice", ["chat_id": "\(s.directID)", "suggested_post_parameters": "{}"])
            let plainID = try #require(plain.resultObject["message_id"] as? Int)
            _ = try await client.drainUpdates(bot: s.bot)

            #expect(try await client.bot(s.bot, "approveSuggestedPost", ["chat_id": "\(s.directID)", "message_id": "\(datedID)"]).ok)
            #expect(try await client.bot(s.bot, "approveSuggestedPost", [
                "chat_id": "\(s.directID)", "message_id": "\(plainID)", "send_date": "\(now + 600)",
            ]).ok)
            let before = try await client.drainUpdates(bot: s.bot)
            #expect(messages(before, "channel_post").isEmpty)
            #expect(messages(before).compactMap { $0["suggested_post_approved"] as? [String: Any] }.compactMap { $0["send_date"] as? Int }
                == [now + 3600, now + 600])

            #expect(try await client.admin("advanceTime", ["seconds": "601"]).ok)
            let dice = messages(try await client.drainUpdates(bot: s.bot), "channel_post")
            #expect(dice.count == 1 && (dice.first?["dice"] as? [String: Any])?["emoji"] as? String == "🎲")
            #expect(try await client.admin("advanceTime", ["seconds": "3000"]).ok)
            let later = messages(try await client.drainUpdates(bot: s.bot), "channel_post")
            #expect(later.compactMap { $0["text"] as? String } == ["Tomorrow"] && later.first?["is_paid_post"] == nil)
        }
    }

    // MARK: Declining, answering, refusals

    @Test func declinedSuggestionsCarryTheCommentAndCanNoLongerBeApproved() async throws {
        try await TestWorld().run { client in
            let s = try await scene(client)
            let sent = try await suggest(client, s, text: "Please", parameters: "{}")
            let postID = try #require(sent.resultObject["message_id"] as? Int)
            _ = try await client.drainUpdates(bot: s.bot)
            _ = try await client.drainUpdates(user: s.reader)
            let decline = ["chat_id": "\(s.directID)", "message_id": "\(postID)", "comment": "Not our topic"]
            #expect(try await client.bot(s.bot, "declineSuggestedPost", decline).body == #"{"ok":true,"result":true}"#)
            let declined = messages(try await client.drainUpdates(user: s.reader)).compactMap { $0["suggested_post_declined"] as? [String: Any] }
            #expect(declined.first?["comment"] as? String == "Not our topic")
            #expect(((declined.first?["suggested_post_message"] as? [String: Any])?["suggested_post_info"] as? [String: Any])?["state"] as? String
                == "declined")
            #expect(try await client.bot(s.bot, "approveSuggestedPost", ["chat_id": "\(s.directID)", "message_id": "\(postID)"]).description
                == "Bad Request: message can't be used in the method")
            #expect(try await client.bot(s.bot, "declineSuggestedPost", decline).description == "Bad Request: message can't be used in the method")
        }
    }

    @Test func theBotAnswersInTheUsersTopicOnly() async throws {
        try await TestWorld().run { client in
            let s = try await scene(client)
            #expect(try await client.user(s.reader, "sendMessage", ["chat_id": "\(s.directID)", "text": "Hello"]).ok)
            let question = try #require(messages(try await client.drainUpdates(bot: s.bot)).first)
            #expect(question["text"] as? String == "Hello" && question["suggested_post_info"] == nil)
            _ = try await client.drainUpdates(user: s.reader)

            #expect(try await client.bot(s.bot, "sendMessage", ["chat_id": "\(s.directID)", "text": "Hi"]).description
                == "Bad Request: topic not found")
            let answer = try await client.bot(s.bot, "sendMessage", [
                "chat_id": "\(s.directID)", "text": "Hi Bob", "direct_messages_topic_id": "\(s.readerID)",
            ])
            #expect(answer.ok, "\(answer.body)")
            let seen = try #require(messages(try await client.drainUpdates(user: s.reader)).first)
            #expect(seen["text"] as? String == "Hi Bob")
            #expect((seen["sender_chat"] as? [String: Any])?["id"] as? Int == s.channelID)
            #expect((seen["direct_messages_topic"] as? [String: Any])?["topic_id"] as? Int == s.readerID)
            // Other send methods take the topic too.
            #expect(try await client.bot(s.bot, "sendLocation", [
                "chat_id": "\(s.directID)", "latitude": "52.5", "longitude": "13.4", "direct_messages_topic_id": "\(s.readerID)",
            ]).ok)
            let located = try #require(messages(try await client.drainUpdates(user: s.reader)).first)
            #expect(located["location"] != nil && (located["direct_messages_topic"] as? [String: Any])?["topic_id"] as? Int == s.readerID)

            // Another user's topic is theirs alone.
            let (other, _) = try await client.createUser("Carol")
            #expect(try await client.user(other, "sendMessage", ["chat_id": "\(s.directID)", "text": "Me too"]).ok)
            #expect(try await client.drainUpdates(user: s.reader).isEmpty)
            #expect(try await client.user(other, "sendMessage", [
                "chat_id": "\(s.directID)", "text": "x", "direct_messages_topic_id": "\(s.readerID)",
            ]).description == "Bad Request: chat is not an administered channel direct messages chat")
        }
    }

    @Test func refusalsUseTheOfficialTexts() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let s = try await scene(client)
            let now = Int(world.clock.now())
            #expect(try await suggest(client, s, text: "x", parameters: "nope").description
                == "Bad Request: can't parse suggested post parameters JSON object")
            #expect(try await suggest(client, s, text: "x", parameters: #"{"price":{"currency":"XTR","amount":3}}"#).description
                == "Bad Request: invalid amount of Telegram Stars specified")
            #expect(try await suggest(client, s, text: "x", parameters: #"{"price":{"currency":"TON","amount":12345}}"#).description
                == "Bad Request: suggested post price must be divisible by 10000000 nanotoncoins")
            #expect(try await suggest(client, s, text: "x", parameters: #"{"send_date":\#(now - 10)}"#).description
                == "Bad Request: SCHEDULE_DATE_INVALID")
            #expect(try await suggest(client, s, text: "x", parameters: #"{"send_date":\#(now + 2_678_401)}"#).description
                == "Bad Request: SCHEDULE_DATE_INVALID")
            #expect(try await client.user(s.owner, "sendMessage", [
                "chat_id": "\(s.channelID)", "text": "x", "suggested_post_parameters": "{}",
            ]).description == "Bad Request: suggested posts can be sent only to channel direct messages")

            let approve = { (id: String) in ["chat_id": "\(s.directID)", "message_id": id] }
            #expect(try await client.bot(s.bot, "approveSuggestedPost", ["chat_id": "\(s.directID)"]).description
                == "Bad Request: suggested post not found")
            #expect(try await client.bot(s.bot, "approveSuggestedPost", approve("999")).description == "Bad Request: suggested post not found")
            let plain = try await client.user(s.reader, "sendMessage", ["chat_id": "\(s.directID)", "text": "Just talking"])
            let plainID = try #require(plain.resultObject["message_id"] as? Int)
            #expect(try await client.bot(s.bot, "approveSuggestedPost", approve("\(plainID)")).description
                == "Bad Request: message can't be used in the method")
            let sent = try await suggest(client, s, text: "x", parameters: "{}")
            let postID = try #require(sent.resultObject["message_id"] as? Int)
            #expect(try await client.bot(s.bot, "approveSuggestedPost", [
                "chat_id": "\(s.directID)", "message_id": "\(postID)", "send_date": "\(now - 1)",
            ]).description == "Bad Request: SCHEDULE_DATE_INVALID")
            #expect(try await client.bot(s.bot, "declineSuggestedPost", [
                "chat_id": "\(s.directID)", "message_id": "\(postID)", "comment": String(repeating: "a", count: 129),
            ]).description == "Bad Request: comment is too long")

            // A bot outside the channel finds no such chat.
            let (stranger, _) = try await client.createBot("stranger_bot")
            #expect(try await client.bot(stranger, "approveSuggestedPost", approve("\(postID)")).description == "Bad Request: chat not found")

            // Closed direct messages take nothing more.
            #expect(try await client.user(s.owner, "setChannelDirectMessages", ["chat_id": "\(s.channelID)", "enabled": "false"]).ok)
            #expect(try await client.user(s.reader, "sendMessage", ["chat_id": "\(s.directID)", "text": "x"]).description
                == "Bad Request: CHAT_WRITE_FORBIDDEN")
        }
    }

    @Test func rightsDecideWhoMayApproveAndWhoMayDecline() async throws {
        try await TestWorld().run { client in
            // A bot that may post but not manage direct messages sees them, approves, can't decline.
            let poster = try await scene(client, rights: ["can_post_messages"])
            let first = try await suggest(client, poster, text: "a", parameters: "{}")
            let firstID = try #require(first.resultObject["message_id"] as? Int)
            #expect(try await client.drainUpdates(bot: poster.bot).isEmpty)
            let ids = ["chat_id": "\(poster.directID)", "message_id": "\(firstID)"]
            #expect(try await client.bot(poster.bot, "declineSuggestedPost", ids).description == "Bad Request: message can't be used in the method")
            #expect(try await client.bot(poster.bot, "approveSuggestedPost", ids).ok)

            // A manager that may not post declines but can't approve.
            let manager = try await scene(client, bot: "manager_bot", rights: ["can_manage_direct_messages"])
            let second = try await suggest(client, manager, text: "b", parameters: "{}")
            let secondID = try #require(second.resultObject["message_id"] as? Int)
            let managed = ["chat_id": "\(manager.directID)", "message_id": "\(secondID)"]
            #expect(try await client.bot(manager.bot, "approveSuggestedPost", managed).description == "Bad Request: message can't be used in the method")
            #expect(try await client.bot(manager.bot, "declineSuggestedPost", managed).ok)
        }
    }

    @Test func directMessagesCostWhatTheChannelAsks() async throws {
        try await TestWorld().run { client in
            let s = try await scene(client, starCount: 5)
            #expect(try await client.user(s.reader, "sendMessage", ["chat_id": "\(s.directID)", "text": "x"]).description
                == "Bad Request: have not enough Telegram Stars")
            #expect(try await client.admin("addStars", ["user_id": "\(s.readerID)", "amount": "7"]).ok)
            let sent = try await client.user(s.reader, "sendMessage", ["chat_id": "\(s.directID)", "text": "x"])
            #expect(sent.resultObject["paid_star_count"] as? Int == 5)
            #expect(try await balance(client, user: s.reader) == 2)
            #expect(try await balance(client, user: s.owner) == 5)
        }
    }
}
