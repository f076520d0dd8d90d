import Foundation
import Testing

/// forwardMessage(s) and copyMessage(s): origins, protected content, ids and errors
/// (behaviour.md §2.9).
@Suite struct ForwardCopyTests {
    @Test func forwardsNameTheirOriginAndCopiesDoNot() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let original = try await client.user(pair.user, "sendMessage", ["chat_id": "\(pair.botID)", "text": "remember <this>"])
            let originalID = original.resultObject["message_id"] as? Int ?? 0
            _ = try await client.drainUpdates(bot: pair.bot)

            let forward = try await client.bot(pair.bot, "forwardMessage", [
                "chat_id": "\(pair.userID)", "from_chat_id": "\(pair.userID)", "message_id": "\(originalID)",
            ])
            #expect(forward.ok, "\(forward.body)")
            let origin = forward.resultObject["forward_origin"] as? [String: Any] ?? [:]
            #expect(origin["type"] as? String == "user" && origin["date"] as? Int == original.resultObject["date"] as? Int)
            #expect((origin["sender_user"] as? [String: Any])?["id"] as? Int == pair.userID)
            #expect(forward.resultObject["text"] as? String == "remember <this>")
            #expect((forward.resultObject["from"] as? [String: Any])?["id"] as? Int == pair.botID)

            let copy = try await client.bot(pair.bot, "copyMessage", [
                "chat_id": "\(pair.userID)", "from_chat_id": "\(pair.userID)", "message_id": "\(originalID)",
            ])
            #expect(copy.ok && copy.resultObject.keys.sorted() == ["message_id"], "\(copy.body)")

            let seen = try await client.drainUpdates(user: pair.user).compactMap { $0["message"] as? [String: Any] }
            #expect(seen.count == 2)
            #expect(seen.first?["forward_origin"] != nil && seen.last?["forward_origin"] == nil)
            #expect(seen.last?["text"] as? String == "remember <this>")
            #expect(seen.last?["message_id"] as? Int == copy.resultObject["message_id"] as? Int)

            // Forwarding a forward keeps the first origin.
            let (other, otherID) = try await client.createBot("other_bot", name: "Other")
            _ = try await client.user(pair.user, "sendMessage", ["chat_id": "\(otherID)", "text": "hi"])
            let again = try await client.user(pair.user, "forwardMessage", [
                "chat_id": "\(otherID)", "from_chat_id": "\(pair.botID)", "message_id": "\(forward.resultObject["message_id"] as? Int ?? 0)",
            ])
            let againOrigin = again.resultObject["forward_origin"] as? [String: Any] ?? [:]
            #expect((againOrigin["sender_user"] as? [String: Any])?["id"] as? Int == pair.userID, "\(again.body)")
            #expect(try await client.drainUpdates(bot: other).count == 2)
        }
    }

    @Test func protectedContentCantBeForwardedOrCopied() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let secret = try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(pair.userID)", "text": "secret", "protect_content": "true"])
            #expect(secret.resultObject["has_protected_content"] as? Bool == true)
            let parameters = ["chat_id": "\(pair.botID)", "from_chat_id": "\(pair.botID)", "message_id": "\(secret.resultObject["message_id"] as? Int ?? 0)"]
            let forward = try await client.user(pair.user, "forwardMessage", parameters)
            #expect(forward.status == 400 && forward.description == "Bad Request: message has protected content and can't be forwarded")
            let copy = try await client.user(pair.user, "copyMessage", parameters)
            #expect(copy.description == "Bad Request: message has protected content and can't be forwarded")
            let many = try await client.user(pair.user, "forwardMessages", [
                "chat_id": "\(pair.botID)", "from_chat_id": "\(pair.botID)", "message_ids": "[\(parameters["message_id"]!)]",
            ])
            #expect(many.description == "Bad Request: messages can't be forwarded")
        }
    }

    @Test func parametersAreCheckedInTheOfficialOrder() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let chat = "\(pair.userID)"
            let cases: [(String, [String: String], String)] = [
                ("forwardMessage", [:], "Bad Request: chat_id is empty"),
                ("forwardMessage", ["chat_id": chat], "Bad Request: parameter \"from_chat_id\" is required"),
                ("forwardMessage", ["chat_id": chat, "from_chat_id": chat], "Bad Request: message to forward not found"),
                ("forwardMessage", ["chat_id": chat, "from_chat_id": chat, "message_id": "999"], "Bad Request: message to forward not found"),
                ("copyMessage", ["chat_id": chat, "from_chat_id": chat, "message_id": "0"], "Bad Request: message to copy not found"),
                ("copyMessage", ["chat_id": chat, "from_chat_id": chat, "message_id": "999"], "Bad Request: message to copy not found"),
                ("forwardMessage", ["chat_id": chat, "from_chat_id": "777", "message_id": "1"], "Bad Request: chat not found"),
                ("forwardMessages", ["chat_id": chat, "from_chat_id": chat], "Bad Request: message identifiers are not specified"),
                ("forwardMessages", ["chat_id": chat, "from_chat_id": chat, "message_ids": "[]"], "Bad Request: message identifiers are not specified"),
                ("forwardMessages", ["chat_id": chat, "from_chat_id": chat, "message_ids": "[1"], "Bad Request: can't parse message_ids JSON object"),
                ("copyMessages", ["chat_id": chat, "from_chat_id": chat, "message_ids": "{}"], "Bad Request: expected an Array of message identifiers"),
                ("copyMessages", ["chat_id": chat, "from_chat_id": chat, "message_ids": "[true]"], "Bad Request: message identifier must be a Number"),
                ("copyMessages", ["chat_id": chat, "from_chat_id": chat, "message_ids": "[\"x\"]"], "Bad Request: can't parse message identifier as a Number"),
                ("copyMessages", ["chat_id": chat, "from_chat_id": chat, "message_ids": "[0]"], "Bad Request: invalid message identifier specified"),
                ("copyMessages", ["chat_id": chat, "from_chat_id": chat, "message_ids": "[" + (1...101).map(String.init).joined(separator: ",") + "]"],
                 "Bad Request: too many message identifiers specified"),
                ("forwardMessages", ["chat_id": chat, "from_chat_id": chat, "message_ids": "[500, 501]"], "Bad Request: messages can't be forwarded"),
            ]
            for (method, parameters, description) in cases {
                let answer = try await client.bot(pair.bot, method, parameters)
                #expect(answer.status == 400 && answer.description == description, "\(method) \(parameters): \(answer.body)")
            }
        }
    }

    @Test func severalMessagesGoInIdOrderSkippingMissingOnes() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            var ids: [Int] = []
            for text in ["one", "two", "three"] {
                ids.append(try await client.user(pair.user, "sendMessage", ["chat_id": "\(pair.botID)", "text": text]).resultObject["message_id"] as? Int ?? 0)
            }
            _ = try await client.drainUpdates(bot: pair.bot)
            let forwarded = try await client.bot(pair.bot, "forwardMessages", [
                "chat_id": "\(pair.userID)", "from_chat_id": "\(pair.userID)", "message_ids": "[\(ids[2]), \"\(ids[0])\", 9999, \(ids[1])]",
            ])
            #expect(forwarded.ok, "\(forwarded.body)")
            let newIDs = forwarded.resultArray.compactMap { $0["message_id"] as? Int }
            #expect(newIDs.count == 3 && newIDs == newIDs.sorted())
            let copied = try await client.bot(pair.bot, "copyMessages", [
                "chat_id": "\(pair.userID)", "from_chat_id": "\(pair.userID)", "message_ids": "[\(ids[0]), \(ids[1])]",
            ])
            #expect(copied.resultArray.count == 2)
            let seen = try await client.drainUpdates(user: pair.user).compactMap { $0["message"] as? [String: Any] }
            #expect(seen.compactMap { $0["text"] as? String } == ["one", "two", "three", "one", "two"])
            #expect(seen.map { $0["forward_origin"] != nil } == [true, true, true, false, false])
        }
    }

    @Test func copiesOfPollsAndDiceStartOver() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let poll = try await client.user(pair.user, "sendPoll", ["chat_id": "\(pair.botID)", "question": "Q", "options": #"["a","b"]"#])
            let pollID = (poll.resultObject["poll"] as? [String: Any])?["id"] as? String
            let copy = try await client.bot(pair.bot, "copyMessage", [
                "chat_id": "\(pair.userID)", "from_chat_id": "\(pair.userID)", "message_id": "\(poll.resultObject["message_id"] as? Int ?? 0)",
            ])
            #expect(copy.ok, "\(copy.body)")
            let seen = try await client.drainUpdates(user: pair.user).compactMap { $0["message"] as? [String: Any] }
            let copied = seen.last?["poll"] as? [String: Any] ?? [:]
            #expect(copied["question"] as? String == "Q" && copied["id"] as? String != pollID)
        }
    }

    @Test func copiesMayReplaceOrDropACaption() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let document = try await client.upload(
                "user\(pair.user)", "sendDocument", ["chat_id": "\(pair.botID)", "caption": "old caption"],
                files: [("document", "notes.txt", "text/plain", Array("notes".utf8))])
            try #require(document.ok, "\(document.body)")
            let source = ["chat_id": "\(pair.userID)", "from_chat_id": "\(pair.userID)", "message_id": "\(document.resultObject["message_id"] as? Int ?? 0)"]
            _ = try await client.bot(pair.bot, "copyMessage", source.merging(["caption": "<i>new</i> caption", "parse_mode": "HTML"]) { $1 })
            _ = try await client.bot(pair.bot, "copyMessage", source.merging(["caption": ""]) { $1 })
            _ = try await client.bot(pair.bot, "copyMessage", source)
            _ = try await client.bot(pair.bot, "copyMessages", [
                "chat_id": "\(pair.userID)", "from_chat_id": "\(pair.userID)", "message_ids": "[\(source["message_id"]!)]", "remove_caption": "true",
            ])
            let seen = try await client.drainUpdates(user: pair.user).compactMap { $0["message"] as? [String: Any] }
            #expect(seen.map { $0["caption"] as? String } == ["new caption", nil, "old caption", nil])
            let entity = (seen.first?["caption_entities"] as? [[String: Any]])?.first ?? [:]
            #expect(entity["type"] as? String == "italic" && entity["length"] as? Int == 3)
            #expect(seen.allSatisfy { ($0["document"] as? [String: Any])?["file_name"] as? String == "notes.txt" })
        }
    }
}
