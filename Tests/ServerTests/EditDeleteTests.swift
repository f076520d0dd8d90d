import Foundation
import Testing

/// editMessageText/Caption/ReplyMarkup, deleteMessage(s) (behaviour.md §2.10, §2.11).
@Suite struct EditDeleteTests {
    static let notModified = "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

    @Test func identifiersAreCheckedInTheOfficialOrder() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let cases: [([String: String], String)] = [
                ([:], "Bad Request: message text is empty"),
                (["text": "x"], "Bad Request: message identifier is not specified"),
                (["text": "x", "message_id": "5"], "Bad Request: chat_id is empty"),
                (["text": "x", "chat_id": "\(pair.userID)"], "Bad Request: message to edit not found"),
                (["text": "x", "chat_id": "\(pair.userID)", "message_id": "77"], "Bad Request: message to edit not found"),
                (["text": "x", "inline_message_id": "AAAA"], "Bad Request: invalid inline message identifier specified"),
                (["text": "x", "chat_id": "\(pair.userID)", "message_id": "1", "reply_markup": #"{"keyboard":[["a"]]}"#],
                 "Bad Request: inline keyboard expected"),
            ]
            for (parameters, expected) in cases {
                let answer = try await client.bot(pair.bot, "editMessageText", parameters)
                #expect(answer.status == 400 && answer.description == expected, "\(parameters) → \(answer.body)")
            }
        }
    }

    @Test func editingTextSetsEditDateAndTellsTheOtherSide() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let keyboard = #"{"inline_keyboard":[[{"text":"A","callback_data":"a"}]]}"#
            let sent = try await client.botSends(pair, keyboard, text: "first")
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            _ = try await client.drainUpdates(user: pair.user)

            let same = try await client.bot(pair.bot, "editMessageText", [
                "chat_id": "\(pair.userID)", "message_id": "\(messageID)", "text": "first", "reply_markup": keyboard,
            ])
            #expect(same.description == Self.notModified)

            let edited = try await client.bot(pair.bot, "editMessageText", [
                "chat_id": "\(pair.userID)", "message_id": "\(messageID)", "text": "<b>second</b>", "parse_mode": "HTML",
                "reply_markup": #"{"inline_keyboard":[[{"text":"B","callback_data":"b"}]]}"#,
            ])
            #expect(edited.ok, "\(edited.body)")
            #expect(edited.resultObject["text"] as? String == "second" && edited.resultObject["edit_date"] != nil)
            #expect((edited.resultObject["entities"] as? [[String: Any]])?.first?["type"] as? String == "bold")
            let updates = try await client.drainUpdates(user: pair.user)
            let update = try #require(updates.first?["edited_message"] as? [String: Any])
            #expect(update["text"] as? String == "second" && update["message_id"] as? Int == messageID)
            #expect((update["chat"] as? [String: Any])?["id"] as? Int == pair.botID)
            let button = ((update["reply_markup"] as? [String: Any])?["inline_keyboard"] as? [[[String: Any]]])?.first?.first
            #expect(button?["callback_data"] as? String == "b")

            // Without reply_markup the keyboard goes away.
            let stripped = try await client.bot(pair.bot, "editMessageReplyMarkup", ["chat_id": "\(pair.userID)", "message_id": "\(messageID)"])
            #expect(stripped.ok && stripped.resultObject["reply_markup"] == nil && stripped.resultObject["text"] as? String == "second")
            let again = try await client.bot(pair.bot, "editMessageReplyMarkup", ["chat_id": "\(pair.userID)", "message_id": "\(messageID)"])
            #expect(again.description == Self.notModified)
        }
    }

    @Test func onlyOwnTextMessagesCanBeEdited() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            // Message 1 is the user's "hi".
            let foreign = try await client.bot(pair.bot, "editMessageText", ["chat_id": "\(pair.userID)", "message_id": "1", "text": "x"])
            #expect(foreign.description == "Bad Request: message can't be edited")
            let forwarded = try await client.bot(pair.bot, "forwardMessage", [
                "chat_id": "\(pair.userID)", "from_chat_id": "\(pair.userID)", "message_id": "1",
            ])
            let forwardedID = try #require(forwarded.resultObject["message_id"] as? Int, "\(forwarded.body)")
            let editForwarded = try await client.bot(pair.bot, "editMessageText", [
                "chat_id": "\(pair.userID)", "message_id": "\(forwardedID)", "text": "x",
            ])
            #expect(editForwarded.description == "Bad Request: message can't be edited")
            _ = try await client.drainUpdates(user: pair.user)
            let caption = try await client.user(pair.user, "editMessageCaption", ["chat_id": "\(pair.botID)", "message_id": "1", "caption": "x"])
            #expect(caption.description == "Bad Request: there is no caption in the message to edit")
            // A person edits their own message; the bot is told.
            let mine = try await client.user(pair.user, "editMessageText", ["chat_id": "\(pair.botID)", "message_id": "1", "text": "hello"])
            #expect(mine.ok && mine.resultObject["text"] as? String == "hello")
            let update = try await client.drainUpdates(bot: pair.bot).first?["edited_message"] as? [String: Any] ?? [:]
            #expect(update["text"] as? String == "hello" && (update["chat"] as? [String: Any])?["id"] as? Int == pair.userID)
            #expect(update["edit_date"] as? Int != nil)
        }
    }

    @Test func captionsOfMediaMessages() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let sent = try await client.upload(
                "bot\(pair.bot)", "sendDocument", ["chat_id": "\(pair.userID)", "caption": "old"],
                files: [("document", "notes.txt", "text/plain", Array("hello".utf8))])
            let messageID = try #require(sent.resultObject["message_id"] as? Int, "\(sent.body)")
            let target = ["chat_id": "\(pair.userID)", "message_id": "\(messageID)"]
            let noText = try await client.bot(pair.bot, "editMessageText", target.merging(["text": "x"]) { $1 })
            #expect(noText.description == "Bad Request: there is no text in the message to edit")
            let tooLong = try await client.bot(pair.bot, "editMessageCaption", target.merging(["caption": String(repeating: "c", count: 1025)]) { $1 })
            #expect(tooLong.description == "Bad Request: message caption is too long")
            let bold = try await client.bot(pair.bot, "editMessageCaption", target.merging(["caption": "<b>new</b>", "parse_mode": "HTML"]) { $1 })
            #expect(bold.resultObject["caption"] as? String == "new")
            #expect((bold.resultObject["caption_entities"] as? [[String: Any]])?.first?["type"] as? String == "bold")
            #expect(bold.resultObject["document"] != nil && bold.resultObject["edit_date"] != nil)
            let cleared = try await client.bot(pair.bot, "editMessageCaption", target)
            #expect(cleared.ok && cleared.resultObject["caption"] == nil && cleared.resultObject["caption_entities"] == nil)
            let again = try await client.bot(pair.bot, "editMessageCaption", target)
            #expect(again.description == Self.notModified)
        }
    }

    @Test func deletingFollowsPrivateChatRules() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let pair = try await client.chatPair()
            let missingChat = try await client.bot(pair.bot, "deleteMessage", ["message_id": "1"])
            #expect(missingChat.description == "Bad Request: chat identifier is not specified")
            let missingID = try await client.bot(pair.bot, "deleteMessage", ["chat_id": "\(pair.userID)"])
            #expect(missingID.description == "Bad Request: message identifier is not specified")
            let unknown = try await client.bot(pair.bot, "deleteMessage", ["chat_id": "\(pair.userID)", "message_id": "50"])
            #expect(unknown.description == "Bad Request: message to delete not found")

            // The bot deletes the user's message; the user sees it go, the bot gets nothing.
            #expect(try await client.bot(pair.bot, "deleteMessage", ["chat_id": "\(pair.userID)", "message_id": "1"]).ok)
            let gone = try await client.drainUpdates(user: pair.user).first?["deleted_messages"] as? [String: Any] ?? [:]
            #expect(gone["message_ids"] as? [Int] == [1] && (gone["chat"] as? [String: Any])?["id"] as? Int == pair.botID)
            let twice = try await client.bot(pair.bot, "deleteMessage", ["chat_id": "\(pair.userID)", "message_id": "1"])
            #expect(twice.description == "Bad Request: message to delete not found")

            let old = try await client.botSends(pair, #"{"remove_keyboard":true}"#, text: "old")
            let oldID = old.resultObject["message_id"] as? Int ?? 0
            world.clock.advance(by: 48 * 3600)
            let tooOld = try await client.bot(pair.bot, "deleteMessage", ["chat_id": "\(pair.userID)", "message_id": "\(oldID)"])
            #expect(tooOld.description == "Bad Request: message can't be deleted for everyone")

            // People may delete anything in a private chat, however old; bots are not told.
            let fresh = try await client.botSends(pair, #"{"remove_keyboard":true}"#, text: "fresh")
            let freshID = fresh.resultObject["message_id"] as? Int ?? 0
            _ = try await client.drainUpdates(user: pair.user)
            let bulk = try await client.user(pair.user, "deleteMessages", [
                "chat_id": "\(pair.botID)", "message_ids": "[\(oldID), \"\(freshID)\", 999]",
            ])
            #expect(bulk.ok && bulk.result as? Bool == true)
            #expect(try await client.drainUpdates(bot: pair.bot).isEmpty)
            let edit = try await client.bot(pair.bot, "editMessageText", ["chat_id": "\(pair.userID)", "message_id": "\(freshID)", "text": "x"])
            #expect(edit.description == "Bad Request: message to edit not found")

            let badIDs: [(String, String)] = [
                ("[]", "Bad Request: message identifiers are not specified"),
                ("{", "Bad Request: can't parse message_ids JSON object"),
                ("{}", "Bad Request: expected an Array of message identifiers"),
                ("[true]", "Bad Request: message identifier must be a Number"),
                ("[\"x\"]", "Bad Request: can't parse message identifier as a Number"),
                ("[0]", "Bad Request: invalid message identifier specified"),
                ("[" + (1...101).map(String.init).joined(separator: ",") + "]", "Bad Request: too many message identifiers specified"),
            ]
            for (ids, expected) in badIDs {
                let answer = try await client.user(pair.user, "deleteMessages", ["chat_id": "\(pair.botID)", "message_ids": ids])
                #expect(answer.description == expected, "\(ids) → \(answer.body)")
            }
        }
    }
}

/// The same methods in a supergroup: keyboards are checked, buttons pressed, messages edited
/// and deleted with the group's rules.
@Suite struct GroupKeyboardEditDeleteTests {
    @Test func keyboardsEditsAndDeletionsInASupergroup() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (owner, _) = try await client.createUser("Owner")
            let created = try await client.user(owner, "createChat", ["type": "supergroup", "title": "Team", "member_ids": "[\(botID)]"])
            let chatID = try #require(created.resultObject["id"] as? Int, "createChat: \(created.body)")
            _ = try await client.drainUpdates(bot: bot)
            _ = try await client.drainUpdates(user: owner)

            let invalid = try await client.bot(bot, "sendMessage", [
                "chat_id": "\(chatID)", "text": "x", "reply_markup": #"{"inline_keyboard":[[{"text":"a"}]]}"#,
            ])
            #expect(invalid.description == "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
            let requests: [(String, String)] = [
                (#"{"keyboard":[[{"text":"a","request_contact":true}]]}"#, "Bad Request: phone number can be requested in private chats only"),
                (#"{"keyboard":[[{"text":"a","request_location":true}]]}"#, "Bad Request: location can be requested in private chats only"),
                (#"{"keyboard":[[{"text":"a","web_app":{"url":"https://example.com"}}]]}"#,
                 "Bad Request: web App buttons can be used in private chats only"),
            ]
            for (markup, expected) in requests {
                let refused = try await client.bot(bot, "sendMessage", ["chat_id": "\(chatID)", "text": "x", "reply_markup": markup])
                #expect(refused.description == expected, "\(markup) → \(refused.body)")
            }
            #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(chatID)", "text": "x", "reply_markup": #"{"keyboard":[["plain"]]}"#]).ok)
            let sent = try await client.bot(bot, "sendMessage", [
                "chat_id": "\(chatID)", "text": "Vote", "reply_markup": #"{"inline_keyboard":[[{"text":"Go","callback_data":"go"}]]}"#,
            ])
            let messageID = try #require(sent.resultObject["message_id"] as? Int, "\(sent.body)")

            async let pressed = client.user(owner, "sendCallbackQuery", ["chat_id": "\(chatID)", "message_id": "\(messageID)", "data": "go"])
            let updates = try await client.bot(bot, "getUpdates", ["timeout": "5", "allowed_updates": #"["callback_query"]"#]).resultArray
            let query = try #require(updates.first?["callback_query"] as? [String: Any])
            #expect(((query["message"] as? [String: Any])?["chat"] as? [String: Any])?["id"] as? Int == chatID)
            #expect(try await client.bot(bot, "answerCallbackQuery", ["callback_query_id": query["id"] as? String ?? "", "text": "ok"]).ok)
            #expect(try await pressed.resultObject["text"] as? String == "ok")

            let edited = try await client.bot(bot, "editMessageText", ["chat_id": "\(chatID)", "message_id": "\(messageID)", "text": "Voted"])
            #expect(edited.ok, "\(edited.body)")
            let ownerUpdates = try await client.drainUpdates(user: owner)
            let edit = ownerUpdates.compactMap { $0["edited_message"] as? [String: Any] }.first ?? [:]
            #expect(edit["text"] as? String == "Voted" && (edit["chat"] as? [String: Any])?["id"] as? Int == chatID)

            // The owner's message: the bot, no administrator, may not delete it; the owner may
            // delete the bot's.
            let ownMessage = try await client.user(owner, "sendMessage", ["chat_id": "\(chatID)", "text": "mine"])
            let ownID = ownMessage.resultObject["message_id"] as? Int ?? 0
            let refused = try await client.bot(bot, "deleteMessage", ["chat_id": "\(chatID)", "message_id": "\(ownID)"])
            #expect(refused.description == "Bad Request: message can't be deleted")
            #expect(try await client.user(owner, "deleteMessage", ["chat_id": "\(chatID)", "message_id": "\(messageID)"]).ok)
            #expect(try await client.bot(bot, "deleteMessage", ["chat_id": "\(chatID)", "message_id": "\(messageID)"]).description
                == "Bad Request: message to delete not found")
        }
    }
}
