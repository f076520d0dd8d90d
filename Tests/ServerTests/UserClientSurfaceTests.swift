import Foundation
import Testing

/// What a person's app needs beyond the Bot API (docs/user-api-extensions.md): reaction
/// counts, the chat's active reply markup after a reload, answering request buttons, the
/// bot's menu button and pending join requests.

/// The `message_reaction_count` updates among `updates`, and their reactions as
/// "<emoji><count>" with a "*" for the recipient's own.
private func reactionCounts(_ updates: [[String: Any]]) -> [[String]] {
    updates.compactMap { $0["message_reaction_count"] as? [String: Any] }.map { tallies($0["reactions"]) }
}

private func tallies(_ list: Any?) -> [String] {
    (list as? [[String: Any]] ?? []).map { tally in
        let emoji = (tally["type"] as? [String: Any])?["emoji"] as? String ?? "?"
        return "\(emoji)\(tally["total_count"] as? Int ?? 0)\(tally["is_chosen"] as? Bool == true ? "*" : "")"
    }
}

private func reaction(_ emoji: String) -> String { #"[{"type":"emoji","emoji":"\#(emoji)"}]"# }

@Suite struct ReactionCountTests {
    @Test func peopleSeeEveryonesReactionsLiveAndInTheHistory() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let (bot, botID) = try await client.createBot()
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [bobID, botID])
            let sent = try await client.user(alice, "sendMessage", ["chat_id": "\(chatID)", "text": "lunch?"])
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            let target = ["chat_id": "\(chatID)", "message_id": "\(messageID)"]
            _ = try await client.drainUpdates(user: alice)
            _ = try await client.drainUpdates(user: bob)

            #expect(try await client.user(bob, "setMessageReaction", target.merging(["reaction": reaction("👍")]) { $1 }).ok)
            let first = try await client.drainUpdates(user: alice)
            #expect(reactionCounts(first) == [["👍1"]])
            let update = first.first?["message_reaction_count"] as? [String: Any] ?? [:]
            #expect((update["chat"] as? [String: Any])?["id"] as? Int == chatID && update["message_id"] as? Int == messageID)
            #expect(update["date"] is Int)
            // The reactor's own change does not come back to them.
            #expect(reactionCounts(try await client.drainUpdates(user: bob)).isEmpty)

            // A bot's reaction reaches the people too, each seeing which one is theirs.
            #expect(try await client.bot(bot, "setMessageReaction", target.merging(["reaction": reaction("❤")]) { $1 }).ok)
            #expect(reactionCounts(try await client.drainUpdates(user: alice)) == [["👍1", "❤1"]])
            #expect(reactionCounts(try await client.drainUpdates(user: bob)) == [["👍1*", "❤1"]])

            #expect(try await client.user(alice, "setMessageReaction", target.merging(["reaction": reaction("❤")]) { $1 }).ok)
            #expect(reactionCounts(try await client.drainUpdates(user: bob)) == [["❤2", "👍1*"]])

            // The history carries the counts as the reader sees them; messages without any carry none.
            let history = try await client.user(alice, "getChatHistory", ["chat_id": "\(chatID)"]).resultArray
            let message = history.first { $0["message_id"] as? Int == messageID } ?? [:]
            #expect(tallies(message["reactions"]) == ["❤2*", "👍1"])
            #expect(history.filter { $0["message_id"] as? Int != messageID }.allSatisfy { $0["reactions"] == nil })

            // An administrator removing Bob's reaction tells Bob, not the administrator.
            #expect(try await client.user(alice, "deleteMessageReaction", target.merging(["user_id": "\(bobID)"]) { $1 }).ok)
            #expect(reactionCounts(try await client.drainUpdates(user: bob)) == [["❤2"]])
            #expect(reactionCounts(try await client.drainUpdates(user: alice)).isEmpty)
        }
        try await world.restarted().run { client in
            // Counts are stored state: a user who only asked for messages gets none, the rest did.
            let users = try await client.admin("getUsers", ["is_bot": "false"]).resultArray
            let aliceID = users.first { $0["first_name"] as? String == "Alice" }?["id"] as? Int ?? 0
            let token = try await client.admin("revokeToken", ["user_id": "\(aliceID)"]).resultObject["token"] as? String ?? ""
            let chats = try await client.user(token, "getChats").resultArray
            let chatID = (chats.first?["chat"] as? [String: Any])?["id"] as? Int ?? 0
            let history = try await client.user(token, "getChatHistory", ["chat_id": "\(chatID)"]).resultArray
            #expect(history.compactMap { $0["reactions"] }.map(tallies) == [["❤2*"]])
        }
    }

    @Test func aUserWhoChoseOtherKindsGetsNoCounts() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            _ = try await client.user(pair.user, "getUpdates", ["allowed_updates": #"["message"]"#])
            let mine = try await client.user(pair.user, "sendMessage", ["chat_id": "\(pair.botID)", "text": "hello"])
            let target = ["chat_id": "\(pair.userID)", "message_id": "\(mine.resultObject["message_id"] as? Int ?? 0)"]
            #expect(try await client.bot(pair.bot, "setMessageReaction", target.merging(["reaction": reaction("🔥")]) { $1 }).ok)
            #expect(try await client.drainUpdates(user: pair.user).isEmpty)
            _ = try await client.user(pair.user, "getUpdates", ["allowed_updates": #"["message", "message_reaction_count"]"#])
            #expect(try await client.bot(pair.bot, "setMessageReaction", target.merging(["reaction": reaction("👍")]) { $1 }).ok)
            #expect(reactionCounts(try await client.drainUpdates(user: pair.user)) == [["👍1"]])
        }
    }
}

@Suite struct ChatReplyMarkupTests {
    static func entry(_ client: Client, _ token: String, chat: Int) async throws -> [String: Any] {
        try await client.user(token, "getChats").resultArray.first { ($0["chat"] as? [String: Any])?["id"] as? Int == chat } ?? [:]
    }

    static func keyboardTexts(_ entry: [String: Any]) -> [String] {
        ((entry["reply_markup"] as? [String: Any])?["keyboard"] as? [[[String: Any]]] ?? []).joined().compactMap { $0["text"] as? String }
    }

    @Test func getChatsShowsTheActiveKeyboardUntilItIsUsedRemovedOrDeleted() async throws {
        let world = try TestWorld()
        let (pair, oneTimeID) = try await world.run { client in
            let pair = try await client.chatPair()
            #expect(try await Self.entry(client, pair.user, chat: pair.botID)["reply_markup"] == nil)
            let sent = try await client.botSends(pair, #"{"keyboard": [["Red", "Blue"]], "one_time_keyboard": true}"#)
            let oneTimeID = sent.resultObject["message_id"] as? Int ?? 0
            let entry = try await Self.entry(client, pair.user, chat: pair.botID)
            #expect(Self.keyboardTexts(entry) == ["Red", "Blue"])
            #expect((entry["reply_markup"] as? [String: Any])?["one_time_keyboard"] as? Bool == true)
            #expect(entry["reply_markup_message_id"] as? Int == oneTimeID)
            // An inline keyboard belongs to its message and leaves the chat's keyboard alone.
            _ = try await client.botSends(pair, #"{"inline_keyboard": [[{"text": "x", "callback_data": "x"}]]}"#)
            #expect(Self.keyboardTexts(try await Self.entry(client, pair.user, chat: pair.botID)) == ["Red", "Blue"])
            return (pair, oneTimeID)
        }
        try await world.restarted().run { client in
            #expect(Self.keyboardTexts(try await Self.entry(client, pair.user, chat: pair.botID)) == ["Red", "Blue"])
            // Using another message's markup changes nothing; using this one forgets it.
            let target = ["chat_id": "\(pair.botID)"]
            #expect(try await client.user(pair.user, "deleteChatReplyMarkup", target).description == "Bad Request: message identifier is not specified")
            #expect(try await client.user(pair.user, "deleteChatReplyMarkup", target.merging(["message_id": "\(oneTimeID + 1)"]) { $1 }).ok)
            #expect(Self.keyboardTexts(try await Self.entry(client, pair.user, chat: pair.botID)) == ["Red", "Blue"])
            #expect(try await client.user(pair.user, "deleteChatReplyMarkup", target.merging(["message_id": "\(oneTimeID)"]) { $1 }).ok)
            #expect(try await Self.entry(client, pair.user, chat: pair.botID)["reply_markup"] == nil)

            // A forced reply replaces a keyboard; a removal clears whatever is shown.
            _ = try await client.botSends(pair, #"{"keyboard": [["Yes"]]}"#)
            let forced = try await client.botSends(pair, #"{"force_reply": true, "input_field_placeholder": "Your name"}"#, text: "name?")
            let entry = try await Self.entry(client, pair.user, chat: pair.botID)
            #expect((entry["reply_markup"] as? [String: Any])?["force_reply"] as? Bool == true)
            #expect(entry["reply_markup_message_id"] as? Int == forced.resultObject["message_id"] as? Int)
            _ = try await client.botSends(pair, #"{"remove_keyboard": true}"#, text: "done")
            #expect(try await Self.entry(client, pair.user, chat: pair.botID)["reply_markup"] == nil)

            // Deleting the message that brought the keyboard takes it away.
            let again = try await client.botSends(pair, #"{"keyboard": [["Again"]]}"#)
            #expect(Self.keyboardTexts(try await Self.entry(client, pair.user, chat: pair.botID)) == ["Again"])
            #expect(try await client.bot(pair.bot, "deleteMessage", ["chat_id": "\(pair.userID)", "message_id": "\(again.resultObject["message_id"] as? Int ?? 0)"]).ok)
            #expect(try await Self.entry(client, pair.user, chat: pair.botID)["reply_markup"] == nil)
        }
    }

    @Test func groupMembersGetTheKeyboardABotShowsThere() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot()
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, members: [bobID, botID])
            let sent = try await client.bot(bot, "sendMessage", ["chat_id": "\(chatID)", "text": "vote", "reply_markup": #"{"keyboard": [["A", "B"]]}"#])
            for token in [alice, bob] {
                let entry = try await Self.entry(client, token, chat: chatID)
                #expect(Self.keyboardTexts(entry) == ["A", "B"])
                #expect(entry["reply_markup_message_id"] as? Int == sent.resultObject["message_id"] as? Int)
            }
        }
    }
}

@Suite struct PeerRequestTests {
    static let keyboard = #"""
        {"keyboard": [[
            {"text": "Pick people", "request_users": {"request_id": 1, "user_is_bot": false, "max_quantity": 2, "request_name": true}},
            {"text": "Pick a group", "request_chat": {"request_id": 2, "chat_is_channel": false, "bot_is_member": true, "request_title": true}},
            {"text": "Pick a channel", "request_chat": {"request_id": 3, "chat_is_channel": true, "request_username": true,
             "bot_administrator_rights": {"is_anonymous": false, "can_manage_chat": true, "can_delete_messages": false,
               "can_manage_video_chats": false, "can_restrict_members": false, "can_promote_members": false, "can_change_info": false,
               "can_invite_users": false, "can_post_stories": false, "can_edit_stories": false, "can_delete_stories": false,
               "can_post_messages": true}}}
        ]]}
        """#

    @Test func sharedUsersReachTheBotWithWhatTheButtonAskedFor() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let (_, bobID) = try await client.createUser("Bob")
            let (_, carolID) = try await client.createUser("Carol", username: "carol_c")
            let (_, otherBotID) = try await client.createBot("other_bot", name: "Other")
            #expect(try await client.botSends(pair, Self.keyboard).ok)
            _ = try await client.drainUpdates(user: pair.user)

            func share(_ ids: [Int], request: Int = 1) async throws -> Answer {
                try await client.user(pair.user, "shareUsersWithBot", ["bot_id": "\(pair.botID)", "request_id": "\(request)", "shared_user_ids": "\(ids)"])
            }
            #expect(try await share([bobID], request: 9).description == "Bad Request: button not found")
            #expect(try await share([bobID], request: 2).description == "Bad Request: button not found")
            #expect(try await share([]).description == "Bad Request: too few chats are chosen")
            #expect(try await share([bobID, carolID, pair.userID]).description == "Bad Request: too many chats are chosen")
            #expect(try await share([otherBotID]).description == "Bad Request: wrong is_bot value")
            #expect(try await share([987_654_321]).description == "Bad Request: shared user not found")
            #expect(try await client.drainUpdates(bot: pair.bot).isEmpty)

            let answer = try await share([bobID, carolID])
            #expect(answer.ok, "\(answer.body)")
            let received = try await client.drainUpdates(bot: pair.bot).compactMap { $0["message"] as? [String: Any] }
            #expect(received.count == 1)
            let shared = received.first?["users_shared"] as? [String: Any] ?? [:]
            #expect(shared["request_id"] as? Int == 1)
            let users = shared["users"] as? [[String: Any]] ?? []
            #expect(users.compactMap { $0["user_id"] as? Int } == [bobID, carolID])
            #expect(users.compactMap { $0["first_name"] as? String } == ["Bob", "Carol"])
            // The button did not ask for usernames.
            #expect(users.allSatisfy { $0["username"] == nil })
            #expect((received.first?["from"] as? [String: Any])?["id"] as? Int == pair.userID)
            #expect((answer.resultObject["users_shared"] as? [String: Any])?["request_id"] as? Int == 1)

            // Once the bot removes its keyboard, its buttons can't be answered.
            _ = try await client.botSends(pair, #"{"remove_keyboard": true}"#)
            #expect(try await share([bobID]).description == "Bad Request: button not found")
        }
    }

    @Test func aSharedChatIsCheckedAndTheBotIsAddedOrPromotedAsTheButtonAsks() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let pair = try await client.chatPair()
            let (bob, bobID) = try await client.createUser("Bob")
            let group = try await ChatSetup.create(client, pair.user, type: "supergroup", title: "Team", members: [bobID])
            let channel = try await ChatSetup.create(client, pair.user, type: "channel", title: "News", members: [])
            let bobsGroup = try await ChatSetup.create(client, bob, title: "Bob's", members: [])
            let joinedGroup = try await ChatSetup.create(client, bob, title: "Shared", members: [pair.userID])
            #expect(try await client.botSends(pair, Self.keyboard).ok)
            _ = try await ChatSetup.updates(client, bot: pair.bot, allowed: #"["message", "my_chat_member"]"#)
            _ = try await client.drainUpdates(bot: pair.bot)

            func share(_ chat: Int, request: Int) async throws -> Answer {
                try await client.user(pair.user, "shareChatWithBot", ["bot_username": "echo_bot", "request_id": "\(request)", "shared_chat_id": "\(chat)"])
            }
            #expect(try await share(channel, request: 2).description == "Bad Request: wrong chat type")
            #expect(try await share(group, request: 3).description == "Bad Request: wrong chat type")
            #expect(try await share(bobID, request: 2).description == "Bad Request: wrong chat type")
            #expect(try await share(bobsGroup, request: 2).description == "Bad Request: shared chat not found")
            // A plain member of Bob's basic group may not add the bot (members may invite by
            // default in basic groups, so take that away first).
            #expect(try await client.user(bob, "setChatPermissions", ["chat_id": "\(joinedGroup)", "permissions": #"{"can_send_messages": true}"#]).ok)
            #expect(try await share(joinedGroup, request: 2).description == "Bad Request: the bot can't be added to the chat")
            #expect(try await client.drainUpdates(bot: pair.bot).isEmpty)

            let answer = try await share(group, request: 2)
            #expect(answer.ok, "\(answer.body)")
            let updates = try await client.drainUpdates(bot: pair.bot)
            let added = updates.compactMap { $0["my_chat_member"] as? [String: Any] }.first
            #expect(((added?["new_chat_member"] as? [String: Any])?["status"] as? String) == "member")
            let shared = updates.compactMap { ($0["message"] as? [String: Any])?["chat_shared"] as? [String: Any] }.first ?? [:]
            #expect(shared["request_id"] as? Int == 2 && shared["chat_id"] as? Int == group)
            #expect(shared["title"] as? String == "Team" && shared["username"] == nil)

            // The channel button wants the bot as an administrator who may post.
            let promoted = try await share(channel, request: 3)
            #expect(promoted.ok, "\(promoted.body)")
            let member = try await client.bot(pair.bot, "getChatMember", ["chat_id": "\(channel)", "user_id": "\(pair.botID)"]).resultObject
            #expect(member["status"] as? String == "administrator")
            #expect(member["can_post_messages"] as? Bool == true && member["can_delete_messages"] as? Bool == false)
            let sharedChannel = try await client.drainUpdates(bot: pair.bot).compactMap { ($0["message"] as? [String: Any])?["chat_shared"] as? [String: Any] }
            #expect(sharedChannel.first?["chat_id"] as? Int == channel && sharedChannel.first?["title"] == nil)
        }
    }

    @Test func aPersonSharesTheirOwnContactWithTheirUserID() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let contact = ["chat_id": "\(pair.botID)", "phone_number": "+15550100", "first_name": "Alice"]
            let shared = try await client.user(pair.user, "sendContact", contact.merging(["user_id": "\(pair.userID)"]) { $1 })
            #expect((shared.resultObject["contact"] as? [String: Any])?["user_id"] as? Int == pair.userID)
            let received = try await client.drainUpdates(bot: pair.bot).compactMap { ($0["message"] as? [String: Any])?["contact"] as? [String: Any] }
            #expect(received.first?["user_id"] as? Int == pair.userID && received.first?["phone_number"] as? String == "+15550100")
            #expect(try await client.user(pair.user, "sendContact", contact.merging(["user_id": "\(pair.botID)"]) { $1 }).description == "Bad Request: CONTACT_ID_INVALID")
            // Without it the contact names nobody, as before.
            let plain = try await client.user(pair.user, "sendContact", contact)
            #expect((plain.resultObject["contact"] as? [String: Any])?["user_id"] == nil)
        }
    }
}

@Suite struct MenuButtonForUsersTests {
    @Test func usersSeeTheButtonTheBotChoseForThem() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let (other, _) = try await client.createUser("Bob")
            #expect(try await client.user(pair.user, "getBotMenuButton", ["bot_id": "\(pair.botID)"]).body == #"{"ok":true,"result":{"type":"default"}}"#)
            let shop = #"{"type":"web_app","text":"Shop","web_app":{"url":"https://example.com/shop"}}"#
            #expect(try await client.bot(pair.bot, "setChatMenuButton", ["menu_button": shop]).ok)
            #expect(try await client.bot(pair.bot, "setChatMenuButton", ["chat_id": "\(pair.userID)", "menu_button": #"{"type":"commands"}"#]).ok)
            #expect(try await client.user(pair.user, "getBotMenuButton", ["bot_username": "echo_bot"]).body == #"{"ok":true,"result":{"type":"commands"}}"#)
            #expect(try await client.user(other, "getBotMenuButton", ["bot_id": "\(pair.botID)"]).body == "{\"ok\":true,\"result\":\(shop)}")
            #expect(try await client.user(other, "getBotMenuButton", ["bot_id": "\(pair.userID)"]).description == "Bad Request: bot not found")
        }
    }
}

@Suite struct JoinRequestListTests {
    @Test func administratorsListPendingRequestsLiveAndAnswerThem() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot("gate_bot", name: "Gate")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let (carol, carolID) = try await client.createUser("Carol")
            let (dave, daveID) = try await client.createUser("Dave")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [botID, daveID])
            try await ChatSetup.makeAdmin(world, chatID: chatID, accountID: botID, rights: ["can_invite_users"])
            _ = try await ChatSetup.updates(client, bot: bot, allowed: #"["chat_member","chat_join_request"]"#)
            let link = try #require(try await client.user(alice, "createChatInviteLink", ["chat_id": "\(chatID)", "creates_join_request": "true"])
                .resultObject["invite_link"] as? String)
            _ = try await client.drainUpdates(user: alice)

            #expect(try await client.user(bob, "joinChat", ["invite_link": link]).description == "Bad Request: INVITE_REQUEST_SENT")
            // The creator hears of it live, as administrator bots do; plain members don't.
            let live = try await client.drainUpdates(user: alice).compactMap { $0["chat_join_request"] as? [String: Any] }
            #expect(live.compactMap { ($0["from"] as? [String: Any])?["id"] as? Int } == [bobID])
            #expect(try await client.drainUpdates(user: dave).compactMap { $0["chat_join_request"] }.isEmpty)
            _ = try await client.user(carol, "joinChat", ["invite_link": link])

            let list = try await client.user(alice, "getChatJoinRequests", ["chat_id": "\(chatID)"]).resultArray
            #expect(list.compactMap { ($0["from"] as? [String: Any])?["id"] as? Int } == [carolID, bobID])
            #expect(list.first?["user_chat_id"] as? Int == carolID && list.first?["date"] is Int)
            #expect((list.first?["chat"] as? [String: Any])?["id"] as? Int == chatID)
            #expect((list.first?["invite_link"] as? [String: Any])?["pending_join_request_count"] as? Int == 2)
            #expect(try await client.user(alice, "getChatJoinRequests", ["chat_id": "\(chatID)", "invite_link": link, "limit": "1"]).resultArray.count == 1)
            #expect(try await client.user(alice, "getChatJoinRequests", ["chat_id": "\(chatID)", "invite_link": "https://t.me/+unknown"]).description
                == "Bad Request: INVITE_HASH_EXPIRED")
            #expect(try await client.user(dave, "getChatJoinRequests", ["chat_id": "\(chatID)"]).description
                == "Bad Request: not enough rights to manage chat invite link")

            // A person's approval is the bots' approval: the bot sees the member join by request.
            _ = try await client.drainUpdates(bot: bot)
            #expect(try await client.user(alice, "approveChatJoinRequest", ["chat_id": "\(chatID)", "user_id": "\(bobID)"]).ok)
            let joined = try await client.drainUpdates(bot: bot).compactMap { $0["chat_member"] as? [String: Any] }.last
            #expect((joined?["new_chat_member"] as? [String: Any])?["status"] as? String == "member")
            #expect(joined?["via_join_request"] as? Bool == true)
            #expect(try await client.user(alice, "declineChatJoinRequest", ["chat_id": "\(chatID)", "user_id": "\(carolID)"]).ok)
            #expect(try await client.user(alice, "getChatJoinRequests", ["chat_id": "\(chatID)"]).resultArray.isEmpty)
            let carolStatus = try await client.user(alice, "getChatMember", ["chat_id": "\(chatID)", "user_id": "\(carolID)"])
            #expect(carolStatus.resultObject["status"] as? String == "left")
        }
    }
}
