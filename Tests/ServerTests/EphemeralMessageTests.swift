import Foundation
import Testing

/// Ephemeral messages (Bot API 10.3): seen by their receiver only, edited and deleted by
/// the bot that sent them.
@Suite struct EphemeralMessageTests {
    /// A group with a sending bot, an administrator bot that sees everything, and three
    /// people; `bob` is the receiver.
    private struct Group {
        let chatID: Int
        let bot: String
        let botID: Int
        let watcher: String
        let alice: String
        let bob: String
        let bobID: Int
        let carol: String
    }

    private func group(_ client: Client, _ world: TestWorld) async throws -> Group {
        let (bot, botID) = try await client.createBot("teller_bot", name: "Teller")
        let (watcher, watcherID) = try await client.createBot("watcher_bot", name: "Watcher")
        let (alice, _) = try await client.createUser("Alice")
        let (bob, bobID) = try await client.createUser("Bob")
        let (carol, carolID) = try await client.createUser("Carol")
        let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [botID, watcherID, bobID, carolID])
        try await ChatSetup.makeAdmin(world, chatID: chatID, accountID: watcherID, rights: ["can_delete_messages"])
        for token in [bob, carol, alice] { _ = try await client.drainUpdates(user: token) }
        _ = try await client.drainUpdates(bot: watcher)
        return Group(chatID: chatID, bot: bot, botID: botID, watcher: watcher, alice: alice, bob: bob, bobID: bobID, carol: carol)
    }

    private func ephemeral(_ receiverID: Int) -> String { #"{"receiver_user_id":\#(receiverID)}"# }

    /// Every update's JSON text, to check that nothing anywhere mentions the secret.
    private func texts(_ updates: [[String: Any]]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: updates), as: UTF8.self)
    }

    @Test func onlyTheReceiverSeesItInAGroup() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let g = try await group(client, world)
            let sent = try await client.bot(g.bot, "sendMessage", [
                "chat_id": "\(g.chatID)", "text": "secret for Bob", "ephemeral_message_parameters": ephemeral(g.bobID),
                "reply_markup": #"{"inline_keyboard":[[{"text":"OK","callback_data":"ok"}]]}"#,
            ])
            #expect(sent.ok, "\(sent.body)")
            #expect(sent.resultObject["message_id"] as? Int == 0)
            #expect(sent.resultObject["ephemeral_message_id"] as? Int == 1)
            #expect((sent.resultObject["receiver_user"] as? [String: Any])?["id"] as? Int == g.bobID)
            #expect((sent.resultObject["chat"] as? [String: Any])?["id"] as? Int == g.chatID)

            let bobs = ChatSetup.messages(try await client.drainUpdates(user: g.bob))
            #expect(bobs.count == 1)
            #expect(bobs.first?["text"] as? String == "secret for Bob")
            #expect(bobs.first?["ephemeral_message_id"] as? Int == 1)
            #expect(bobs.first?["reply_markup"] != nil)
            // Nobody else: not the other people, not a bot that sees every message.
            for token in [g.alice, g.carol] {
                #expect(try !texts(try await client.drainUpdates(user: token)).contains("secret"))
            }
            #expect(try !texts(try await client.drainUpdates(bot: g.watcher)).contains("secret"))
            // Not in anyone's history either, the receiver's included.
            for token in [g.alice, g.bob] {
                let history = try await client.user(token, "getChatHistory", ["chat_id": "\(g.chatID)"])
                #expect(history.ok && !history.body.contains("secret"))
            }

            // A second one gets the next id and may reply to the first.
            let reply = try await client.bot(g.bot, "sendMessage", [
                "chat_id": "\(g.chatID)", "text": "second", "ephemeral_message_parameters": ephemeral(g.bobID),
                "reply_parameters": #"{"ephemeral_message_id":1}"#,
            ])
            #expect(reply.resultObject["ephemeral_message_id"] as? Int == 2)
            #expect((reply.resultObject["reply_to_message"] as? [String: Any])?["ephemeral_message_id"] as? Int == 1)
            // A message everyone sees can't quote it.
            let quoting = try await client.bot(g.bot, "sendMessage", [
                "chat_id": "\(g.chatID)", "text": "public", "reply_parameters": #"{"ephemeral_message_id":1}"#,
            ])
            #expect(quoting.description == "Bad Request: message to be replied not found")
            _ = try await client.drainUpdates(user: g.bob)

            // Edits reach the receiver alone.
            let edited = try await client.bot(g.bot, "editEphemeralMessageText", [
                "chat_id": "\(g.chatID)", "receiver_user_id": "\(g.bobID)", "ephemeral_message_id": "1", "text": "new secret",
            ])
            #expect(edited.ok && edited.result as? Bool == true, "\(edited.body)")
            let edits = try await client.drainUpdates(user: g.bob).compactMap { $0["edited_message"] as? [String: Any] }
            #expect(edits.map { $0["text"] as? String } == ["new secret"])
            #expect(edits.first?["reply_markup"] == nil && edits.first?["edit_date"] != nil)
            #expect(try !texts(try await client.drainUpdates(user: g.carol)).contains("secret"))
            let same = try await client.bot(g.bot, "editEphemeralMessageText", [
                "chat_id": "\(g.chatID)", "receiver_user_id": "\(g.bobID)", "ephemeral_message_id": "1", "text": "new secret",
            ])
            #expect(same.description?.hasPrefix("Bad Request: message is not modified") == true)
            let byOther = try await client.bot(g.watcher, "editEphemeralMessageReplyMarkup", [
                "chat_id": "\(g.chatID)", "receiver_user_id": "\(g.bobID)", "ephemeral_message_id": "1",
            ])
            #expect(byOther.description == "Bad Request: message can't be edited")

            // Deleting tells the receiver; the id is then gone and never given again.
            let deleted = try await client.bot(g.bot, "deleteEphemeralMessage", [
                "chat_id": "\(g.chatID)", "receiver_user_id": "\(g.bobID)", "ephemeral_message_id": "1",
            ])
            #expect(deleted.ok, "\(deleted.body)")
            let gone = try await client.drainUpdates(user: g.bob).compactMap { $0["deleted_ephemeral_messages"] as? [String: Any] }
            #expect(gone.first?["ephemeral_message_ids"] as? [Int] == [1])
            #expect((gone.first?["chat"] as? [String: Any])?["id"] as? Int == g.chatID)
            let again = try await client.bot(g.bot, "deleteEphemeralMessage", [
                "chat_id": "\(g.chatID)", "receiver_user_id": "\(g.bobID)", "ephemeral_message_id": "1",
            ])
            #expect(again.description == "Bad Request: message to delete not found")
            let editGone = try await client.bot(g.bot, "editEphemeralMessageText", [
                "chat_id": "\(g.chatID)", "receiver_user_id": "\(g.bobID)", "ephemeral_message_id": "1", "text": "x",
            ])
            #expect(editGone.description == "Bad Request: message to edit not found")
            let third = try await client.bot(g.bot, "sendMessage", [
                "chat_id": "\(g.chatID)", "text": "third", "ephemeral_message_parameters": ephemeral(g.bobID),
            ])
            #expect(third.resultObject["ephemeral_message_id"] as? Int == 3)
        }
    }

    @Test func receiversMustBePeopleInTheChat() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let g = try await group(client, world)
            let (_, strangerID) = try await client.createUser("Stranger")
            let (_, otherBotID) = try await client.createBot("other_bot", name: "Other")
            func send(_ receiver: Int, chat: Int? = nil, token: String? = nil) async throws -> Answer {
                try await client.call(token.map { "user\($0)" } ?? "bot\(g.bot)", "sendMessage", [
                    "chat_id": "\(chat ?? g.chatID)", "text": "hush", "ephemeral_message_parameters": ephemeral(receiver),
                ])
            }
            #expect(try await send(strangerID).description == "Bad Request: USER_NOT_PARTICIPANT")
            #expect(try await send(otherBotID).description == "Bad Request: USER_IS_BOT")
            #expect(try await send(987_654_321).description == "Bad Request: user not found")
            #expect(try await send(g.bobID, token: g.alice).description == "Bad Request: ephemeral messages can be sent only by bots")
            let channel = try await ChatSetup.create(client, g.alice, type: "channel", title: "News", members: [g.botID, g.bobID])
            try await ChatSetup.makeAdmin(world, chatID: channel, accountID: g.botID, rights: ["can_post_messages"])
            #expect(try await send(g.bobID, chat: channel).description == "Bad Request: ephemeral messages can't be sent to channel chats")
            let replacing = try await client.bot(g.bot, "sendMessage", [
                "chat_id": "\(g.chatID)", "text": "hush",
                "ephemeral_message_parameters": #"{"receiver_user_id":\#(g.bobID),"replace_callback_query_message":true}"#,
            ])
            #expect(replacing.description == "Bad Request: callback_query_id must be specified to replace its message")
            let unknownQuery = try await client.bot(g.bot, "sendMessage", [
                "chat_id": "\(g.chatID)", "text": "hush",
                "ephemeral_message_parameters": #"{"receiver_user_id":\#(g.bobID),"callback_query_id":"12345"}"#,
            ])
            #expect(unknownQuery.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")
            // Nothing was sent to anyone.
            #expect(try !texts(try await client.drainUpdates(user: g.bob)).contains("hush"))
        }
    }

    @Test func privateChatsAndTheParametersOfBotAPI10_2() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let (_, otherID) = try await client.createUser("Dave")
            // 10.2's top-level receiver_user_id still makes a message ephemeral.
            let legacy = try await client.bot(pair.bot, "sendMessage", [
                "chat_id": "\(pair.userID)", "text": "only you", "receiver_user_id": "\(pair.userID)",
            ])
            #expect(legacy.ok && legacy.resultObject["ephemeral_message_id"] as? Int == 1, "\(legacy.body)")
            let seen = ChatSetup.messages(try await client.drainUpdates(user: pair.user))
            #expect(seen.first?["ephemeral_message_id"] as? Int == 1)
            #expect((seen.first?["chat"] as? [String: Any])?["id"] as? Int == pair.botID)
            let history = try await client.user(pair.user, "getChatHistory", ["chat_id": "\(pair.botID)"])
            #expect(!history.body.contains("only you"))
            let wrong = try await client.bot(pair.bot, "sendMessage", [
                "chat_id": "\(pair.userID)", "text": "x", "ephemeral_message_parameters": ephemeral(otherID),
            ])
            #expect(wrong.description == "Bad Request: USER_NOT_PARTICIPANT")

            // Media: a photo, then its caption edited.
            let sent = try await client.upload("bot\(pair.bot)", "sendPhoto", [
                "chat_id": "\(pair.userID)", "caption": "look", "ephemeral_message_parameters": ephemeral(pair.userID),
            ], files: [("photo", "pic.png", "image/png", FileTests.png(width: 7, height: 3))])
            #expect(sent.ok && sent.resultObject["ephemeral_message_id"] as? Int == 2, "\(sent.body)")
            _ = try await client.drainUpdates(user: pair.user)
            let caption = try await client.bot(pair.bot, "editEphemeralMessageCaption", [
                "chat_id": "\(pair.userID)", "receiver_user_id": "\(pair.userID)", "ephemeral_message_id": "2", "caption": "closer",
            ])
            #expect(caption.ok, "\(caption.body)")
            let edits = try await client.drainUpdates(user: pair.user).compactMap { $0["edited_message"] as? [String: Any] }
            #expect(edits.first?["caption"] as? String == "closer" && edits.first?["photo"] != nil)
            let notText = try await client.bot(pair.bot, "editEphemeralMessageText", [
                "chat_id": "\(pair.userID)", "receiver_user_id": "\(pair.userID)", "ephemeral_message_id": "2", "text": "x",
            ])
            #expect(notText.description == "Bad Request: there is no text in the message to edit")
        }
    }
}
