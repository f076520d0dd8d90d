import Foundation
import Testing

/// Messages in business chats: `business_message`, `edited_business_message`,
/// `deleted_business_messages`, and the bot writing, editing and deleting for the account
/// within its rights (issue 14, item 4).
@Suite struct BusinessMessageTests {
    /// The customer writes to the owner first, so the owner has a chat with them; the bot's
    /// queue is drained. Returns the customer's message id.
    func customerWrites(_ client: Client, _ setup: BusinessSetup, text: String = "Do you sell shoes?") async throws -> Int {
        let sent = try await client.user(setup.customer, "sendMessage", ["chat_id": "\(setup.ownerID)", "text": text])
        try #require(sent.ok, "\(sent.body)")
        return sent.resultObject["message_id"] as? Int ?? 0
    }

    @Test func bothDirectionsReachTheBotAsBusinessMessages() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup()
            let asked = try await customerWrites(client, setup)
            _ = try await client.user(setup.owner, "sendMessage", ["chat_id": "\(setup.customerID)", "text": "Yes, size?"])
            let updates = try await client.drainUpdates(bot: setup.bot)
            #expect(updates.count == 2)
            let incoming = try #require(updates.first?["business_message"] as? [String: Any])
            #expect(incoming["business_connection_id"] as? String == setup.connectionID)
            #expect(incoming["message_id"] as? Int == asked && incoming["text"] as? String == "Do you sell shoes?")
            // The chat is the owner's chat with the customer: it carries the customer's id.
            #expect((incoming["chat"] as? [String: Any])?["id"] as? Int == setup.customerID)
            #expect((incoming["from"] as? [String: Any])?["id"] as? Int == setup.customerID)
            let outgoing = try #require(updates.last?["business_message"] as? [String: Any])
            #expect((outgoing["from"] as? [String: Any])?["id"] as? Int == setup.ownerID)
            #expect((outgoing["chat"] as? [String: Any])?["id"] as? Int == setup.customerID)

            // Edits and deletions follow, with the connection's id.
            #expect(try await client.user(setup.customer, "editMessageText", [
                "chat_id": "\(setup.ownerID)", "message_id": "\(asked)", "text": "Do you sell boots?",
            ]).ok)
            #expect(try await client.user(setup.customer, "deleteMessage", ["chat_id": "\(setup.ownerID)", "message_id": "\(asked)"]).ok)
            let later = try await client.drainUpdates(bot: setup.bot)
            let edited = try #require(later.first?["edited_business_message"] as? [String: Any])
            #expect(edited["text"] as? String == "Do you sell boots?" && edited["business_connection_id"] as? String == setup.connectionID)
            let deleted = try #require(later.last?["deleted_business_messages"] as? [String: Any])
            #expect(deleted["business_connection_id"] as? String == setup.connectionID)
            #expect(deleted["message_ids"] as? [Int] == [asked])
            #expect((deleted["chat"] as? [String: Any])?["id"] as? Int == setup.customerID)
        }
    }

    @Test func chatsWithBotsAndOtherPeopleStayPrivate() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup()
            // The owner talking to a bot is no business chat; a stranger's chat with the
            // customer is not the owner's.
            let (other, otherID) = try await client.createBot("other_bot", name: "Other")
            _ = try await client.user(setup.owner, "sendMessage", ["chat_id": "\(otherID)", "text": "/start"])
            _ = try await client.drainUpdates(bot: other)
            let (_, strangerID) = try await client.createUser("Stan")
            _ = try await client.user(setup.customer, "sendMessage", ["chat_id": "\(strangerID)", "text": "hi Stan"])
            #expect(try await client.drainUpdates(bot: setup.bot).isEmpty)
            // After disconnecting, nothing more comes.
            #expect(try await client.user(setup.owner, "disconnectBusinessBot", ["bot_id": "\(setup.botID)"]).ok)
            _ = try await client.drainUpdates(bot: setup.bot)
            _ = try await customerWrites(client, setup)
            #expect(try await client.drainUpdates(bot: setup.bot).isEmpty)
        }
    }

    @Test func theBotAnswersForTheAccount() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup()
            let asked = try await customerWrites(client, setup)
            _ = try await client.drainUpdates(bot: setup.bot)
            _ = try await client.drainUpdates(user: setup.owner)
            let reply = #"{"message_id":\#(asked)}"#
            let markup = #"{"inline_keyboard":[[{"text":"Catalogue","url":"https://example.com/shoes"}]]}"#
            let sent = try await client.bot(setup.bot, "sendMessage", [
                "business_connection_id": setup.connectionID, "chat_id": "\(setup.customerID)", "text": "We do!",
                "reply_parameters": reply, "reply_markup": markup,
            ])
            #expect(sent.ok, "\(sent.body)")
            let message = sent.resultObject
            #expect(message["business_connection_id"] as? String == setup.connectionID)
            #expect((message["from"] as? [String: Any])?["id"] as? Int == setup.ownerID)
            #expect((message["sender_business_bot"] as? [String: Any])?["id"] as? Int == setup.botID)
            #expect((message["chat"] as? [String: Any])?["id"] as? Int == setup.customerID)

            // The customer sees the owner's message, with the bot's keyboard, and no bot.
            let seen = try #require(try await client.drainUpdates(user: setup.customer).last?["message"] as? [String: Any])
            #expect((seen["from"] as? [String: Any])?["id"] as? Int == setup.ownerID && seen["sender_business_bot"] == nil)
            #expect(seen["business_connection_id"] == nil && seen["reply_markup"] != nil)
            #expect((seen["reply_to_message"] as? [String: Any])?["message_id"] as? Int == asked)
            // The owner sees what was sent in their name, and by which bot.
            let own = try #require(try await client.drainUpdates(user: setup.owner).last?["message"] as? [String: Any])
            #expect(own["text"] as? String == "We do!" && (own["sender_business_bot"] as? [String: Any])?["id"] as? Int == setup.botID)
            // Its own message does not come back to the bot.
            #expect(try await client.drainUpdates(bot: setup.bot).isEmpty)

            // It edits it for the account; the customer and the owner see the edit.
            let edited = try await client.bot(setup.bot, "editMessageText", [
                "business_connection_id": setup.connectionID, "chat_id": "\(setup.customerID)",
                "message_id": "\(message["message_id"] as? Int ?? 0)", "text": "We do, in red.",
            ])
            #expect(edited.ok, "\(edited.body)")
            #expect(edited.resultObject["business_connection_id"] as? String == setup.connectionID)
            #expect((try await client.drainUpdates(user: setup.customer).last?["edited_message"] as? [String: Any])?["text"] as? String == "We do, in red.")
            #expect((try await client.drainUpdates(user: setup.owner).last?["edited_message"] as? [String: Any])?["text"] as? String == "We do, in red.")
            #expect(try await client.drainUpdates(bot: setup.bot).isEmpty)

            // Media and chat actions go the same way.
            let photo = try await client.upload("bot\(setup.bot)", "sendPhoto", [
                "business_connection_id": setup.connectionID, "chat_id": "\(setup.customerID)", "photo": "attach://p",
            ], files: [("p", "p.png", "image/png", FileTests.png(width: 32, height: 32))])
            #expect(photo.ok && (photo.resultObject["from"] as? [String: Any])?["id"] as? Int == setup.ownerID, "\(photo.body)")
            let poll = try await client.bot(setup.bot, "sendPoll", [
                "business_connection_id": setup.connectionID, "chat_id": "\(setup.customerID)", "question": "Size?",
                "options": #"[{"text":"41"},{"text":"42"}]"#, "type": "quiz", "correct_option_ids": "[1]",
            ])
            #expect(poll.ok && (poll.resultObject["from"] as? [String: Any])?["id"] as? Int == setup.ownerID, "\(poll.body)")
            // The sender sees the quiz's answer; the customer does not.
            #expect((poll.resultObject["poll"] as? [String: Any])?["correct_option_ids"] as? [Int] == [1])
            let quiz = try #require(try await client.drainUpdates(user: setup.customer).last?["message"] as? [String: Any])
            #expect((quiz["poll"] as? [String: Any])?["question"] as? String == "Size?")
            #expect((quiz["poll"] as? [String: Any])?["correct_option_ids"] == nil)
            #expect(try await client.bot(setup.bot, "sendChatAction", [
                "business_connection_id": setup.connectionID, "chat_id": "\(setup.customerID)", "action": "typing",
            ]).ok)
        }
    }

    @Test func sendingIsCheckedAsTelegramChecksIt() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup(rights: #"{"can_read_messages":true}"#)
            _ = try await customerWrites(client, setup)
            func send(_ chat: String, connection: String? = nil) async throws -> String? {
                try await client.bot(setup.bot, "sendMessage", [
                    "business_connection_id": connection ?? setup.connectionID, "chat_id": chat, "text": "hello",
                ]).description
            }
            #expect(try await send("\(setup.customerID)") == "Bad Request: BOT_ACCESS_FORBIDDEN")
            #expect(try await send("\(setup.customerID)", connection: "unknown") == "Bad Request: business connection not found")
            #expect(try await send("@olga_shop") == "Bad Request: chat identifier must be a valid Integer")
            #expect(try await send("-100123") == "Bad Request: chat must be a private chat")
            #expect(try await send("\(setup.ownerID)") == "Bad Request: messages must not be sent to self")
            let (_, strangerID) = try await client.createUser("Stan")
            #expect(try await send("\(strangerID)") == "Bad Request: chat not found")

            // Granting can_reply lets it send; disconnecting stops it.
            #expect(try await client.user(setup.owner, "connectBusinessBot", ["bot_id": "\(setup.botID)", "can_reply": "true"]).ok)
            #expect(try await send("\(setup.customerID)") == nil)
            #expect(try await client.user(setup.owner, "disconnectBusinessBot", ["bot_id": "\(setup.botID)"]).ok)
            #expect(try await send("\(setup.customerID)") == "Bad Request: BUSINESS_CONNECTION_INVALID")
        }
    }

    @Test func readingAndDeletingNeedTheirRights() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup(rights: #"{"can_reply":true,"can_delete_sent_messages":true}"#)
            let asked = try await customerWrites(client, setup)
            func read(_ parameters: [String: String]) async throws -> String? {
                try await client.bot(setup.bot, "readBusinessMessage", ["business_connection_id": setup.connectionID].merging(parameters) { $1 }).description
            }
            #expect(try await read(["message_id": "\(asked)"]) == "Bad Request: chat identifier is empty")
            #expect(try await read(["chat_id": "x", "message_id": "\(asked)"]) == "Bad Request: chat identifier must be a valid Integer")
            #expect(try await read(["chat_id": "\(setup.customerID)", "message_id": "\(asked)"]) == "Bad Request: BOT_ACCESS_FORBIDDEN")

            // The bot's own message may go; the customer's needs can_delete_all_messages.
            let sent = try await client.bot(setup.bot, "sendMessage", [
                "business_connection_id": setup.connectionID, "chat_id": "\(setup.customerID)", "text": "Yes",
            ])
            let own = sent.resultObject["message_id"] as? Int ?? 0
            _ = try await client.drainUpdates(user: setup.customer)
            let refused = try await client.bot(setup.bot, "deleteBusinessMessages", [
                "business_connection_id": setup.connectionID, "message_ids": "[\(asked),\(own)]",
            ])
            #expect(refused.description == "Bad Request: BOT_ACCESS_FORBIDDEN")
            let deleted = try await client.bot(setup.bot, "deleteBusinessMessages", [
                "business_connection_id": setup.connectionID, "message_ids": "[\(own)]",
            ])
            #expect(deleted.ok, "\(deleted.body)")
            let gone = try #require(try await client.drainUpdates(user: setup.customer).last?["deleted_messages"] as? [String: Any])
            #expect(gone["message_ids"] as? [Int] == [own])
            let missing = try await client.bot(setup.bot, "deleteBusinessMessages", [
                "business_connection_id": setup.connectionID, "message_ids": "[\(own)]",
            ])
            #expect(missing.description == "Bad Request: message to delete not found")

            // With every right: reading marks the owner's chat read, deleting takes anything.
            let all = #"{"can_reply":true,"can_read_messages":true,"can_delete_all_messages":true}"#
            #expect(try await client.user(setup.owner, "connectBusinessBot", ["bot_id": "\(setup.botID)", "rights": all]).ok)
            #expect(try await read(["chat_id": "\(setup.customerID)", "message_id": "\(asked)"]) == nil)
            let chats = try await client.user(setup.owner, "getChats").resultArray
            let chat = try #require(chats.first { ($0["chat"] as? [String: Any])?["id"] as? Int == setup.customerID })
            #expect(chat["last_read_message_id"] as? Int == asked && chat["unread_count"] as? Int == 0)
            #expect(try await client.bot(setup.bot, "deleteBusinessMessages", [
                "business_connection_id": setup.connectionID, "message_ids": "[\(asked)]",
            ]).ok)
            let updates = try await client.drainUpdates(bot: setup.bot)
            #expect((updates.last?["deleted_business_messages"] as? [String: Any])?["message_ids"] as? [Int] == [asked])
        }
    }
}
