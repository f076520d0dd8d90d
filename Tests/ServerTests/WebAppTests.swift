import Crypto
import Foundation
import Testing

/// Web App buttons, `openWebApp`'s signed init data and `sendWebAppData` (issue 11, item 2).
@Suite struct WebAppTests {
    static let appURL = "https://example.com/app"

    /// The init data's fields, decoded as a query string.
    static func fields(_ initData: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in initData.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            fields[parts[0]] = parts[1].removingPercentEncoding
        }
        return fields
    }

    /// The `hash` Telegram's documentation prescribes for `fields`, computed here from scratch.
    static func expectedHash(_ fields: [String: String], token: String) -> String {
        let checkString = fields.filter { $0.key != "hash" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            .joined(separator: "\n")
        let secret = HMAC<Crypto.SHA256>.authenticationCode(for: Data(token.utf8), using: SymmetricKey(data: Data("WebAppData".utf8)))
        let mac = HMAC<Crypto.SHA256>.authenticationCode(for: Data(checkString.utf8), using: SymmetricKey(data: Data(secret)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `fields` carry a valid third-party `signature` by `publicKey` (hex) for `botID`.
    static func signatureIsValid(_ fields: [String: String], botID: Int, publicKey: String) throws -> Bool {
        guard var signature = fields["signature"] else { return false }
        signature = signature.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while signature.count % 4 != 0 { signature += "=" }
        let keyBytes = stride(from: 0, to: publicKey.count, by: 2).compactMap { offset -> UInt8? in
            let start = publicKey.index(publicKey.startIndex, offsetBy: offset)
            return UInt8(publicKey[start ..< publicKey.index(start, offsetBy: 2)], radix: 16)
        }
        let key = try Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
        let checkString = "\(botID):WebAppData\n" + fields.filter { $0.key != "hash" && $0.key != "signature" }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        guard let bytes = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(bytes, for: Data(checkString.utf8))
    }

    @Test func webAppButtonsAreCheckedAsTelegramChecksThem() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let inline = #"{"inline_keyboard":[[{"text":"Open","web_app":{"url":"https://example.com/app"}}]]}"#
            #expect(try await client.botSends(pair, inline).ok)
            let http = #"{"inline_keyboard":[[{"text":"Open","web_app":{"url":"http://example.com/app"}}]]}"#
            #expect(try await client.botSends(pair, http).description
                == "Bad Request: inline keyboard button Web App URL 'http://example.com/app' is invalid: Only HTTPS links are allowed")

            // Outside private chats Telegram refuses inline Web App buttons.
            let created = try await client.user(pair.user, "createChat", ["type": "supergroup", "title": "Team", "member_ids": "[\(pair.botID)]"])
            let groupID = try #require(created.resultObject["id"] as? Int, "\(created.body)")
            let inGroup = try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(groupID)", "text": "x", "reply_markup": inline])
            #expect(inGroup.status == 400 && inGroup.description == "Bad Request: BUTTON_TYPE_INVALID")
            let keyboard = #"{"keyboard":[[{"text":"Open","web_app":{"url":"https://example.com/app"}}]]}"#
            let keyboardInGroup = try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(groupID)", "text": "x", "reply_markup": keyboard])
            #expect(keyboardInGroup.description == "Bad Request: web App buttons can be used in private chats only")

            // The menu button takes HTTPS Web Apps only.
            let menu = try await client.bot(pair.bot, "setChatMenuButton", [
                "menu_button": #"{"type":"web_app","text":"App","web_app":{"url":"http://example.com/app"}}"#,
            ])
            #expect(menu.description == "Bad Request: menu button Web App URL 'http://example.com/app' is invalid: Only HTTPS links are allowed")
        }
    }

    @Test func openingAnInlineButtonGivesSignedInitData() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let inline = #"{"inline_keyboard":[[{"text":"Open","web_app":{"url":"https://example.com/app"}}]]}"#
            let sent = try await client.botSends(pair, inline)
            let messageID = try #require(sent.resultObject["message_id"] as? Int)
            let opened = try await client.user(pair.user, "openWebApp", [
                "bot_id": "\(pair.botID)", "url": Self.appURL, "chat_id": "\(pair.botID)", "message_id": "\(messageID)",
            ])
            #expect(opened.ok, "\(opened.body)")
            #expect(opened.resultObject["url"] as? String == Self.appURL)
            let initData = try #require(opened.resultObject["init_data"] as? String)
            let fields = Self.fields(initData)
            #expect(Set(fields.keys) == ["query_id", "user", "chat_instance", "chat_type", "auth_date", "signature", "hash"])
            #expect(fields["chat_type"] == "private" && Int(fields["auth_date"] ?? "") ?? 0 > 0)
            let user = try #require(try JSONSerialization.jsonObject(with: Data((fields["user"] ?? "").utf8)) as? [String: Any])
            #expect(user["id"] as? Int == pair.userID && user["first_name"] as? String == "Alice")
            #expect(user["allows_write_to_pm"] as? Bool == true)

            // The hash is the documented HMAC, keyed with the bot's token; tampering breaks it.
            #expect(fields["hash"] == Self.expectedHash(fields, token: pair.bot))
            var tampered = fields
            tampered["auth_date"] = String((Int(fields["auth_date"] ?? "") ?? 0) + 1)
            #expect(tampered["hash"] != Self.expectedHash(tampered, token: pair.bot))
            #expect(fields["hash"] != Self.expectedHash(fields, token: pair.bot + "x"))

            // The signature verifies with the world's public key, for this bot only.
            let key = try #require(try await client.admin("getWebAppPublicKey").result as? String)
            #expect(key.count == 64)
            #expect(try Self.signatureIsValid(fields, botID: pair.botID, publicKey: key))
            #expect(try !Self.signatureIsValid(fields, botID: pair.botID + 1, publicKey: key))
            #expect(try !Self.signatureIsValid(tampered, botID: pair.botID, publicKey: key))

            // Each opening is a new session with its own query id.
            let again = try await client.user(pair.user, "openWebApp", [
                "bot_username": "echo_bot", "url": Self.appURL, "chat_id": "\(pair.botID)", "message_id": "\(messageID)",
            ])
            let againFields = Self.fields(again.resultObject["init_data"] as? String ?? "")
            #expect(againFields["query_id"] != nil && againFields["query_id"] != fields["query_id"])
            #expect(againFields["chat_instance"] == fields["chat_instance"])
        }
    }

    @Test func onlyTheBotsOwnButtonsOpenItsWebApp() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let other = try await client.user(pair.user, "openWebApp", ["bot_id": "\(pair.botID)", "url": Self.appURL])
            #expect(other.status == 400 && other.description == "Bad Request: URL_INVALID")
            let noBot = try await client.user(pair.user, "openWebApp", ["bot_id": "999999", "url": Self.appURL])
            #expect(noBot.description == "Bad Request: bot not found")

            // The menu button opens without a chat, with a query id.
            #expect(try await client.bot(pair.bot, "setChatMenuButton", [
                "menu_button": #"{"type":"web_app","text":"App","web_app":{"url":"https://example.com/app"}}"#,
            ]).ok)
            let menu = try await client.user(pair.user, "openWebApp", ["bot_id": "\(pair.botID)", "url": Self.appURL])
            let menuFields = Self.fields(menu.resultObject["init_data"] as? String ?? "")
            #expect(menuFields["query_id"] != nil && menuFields["chat_instance"] == nil)
            #expect(menuFields["hash"] == Self.expectedHash(menuFields, token: pair.bot))

            // The bot answers the Mini App's query: the result is sent as the user, via the bot,
            // into their chat (so it reaches the bot's queue, not the sender's own).
            _ = try await client.drainUpdates(bot: pair.bot)
            let result = #"{"type":"article","id":"1","title":"Order","input_message_content":{"message_text":"Ordered 2 pizzas"}}"#
            let answered = try await client.bot(pair.bot, "answerWebAppQuery", ["web_app_query_id": menuFields["query_id"] ?? "", "result": result])
            #expect(answered.ok, "\(answered.body)")
            let landed = try await client.drainUpdates(bot: pair.bot).compactMap { $0["message"] as? [String: Any] }
            let ordered = try #require(landed.first { $0["text"] as? String == "Ordered 2 pizzas" }, "\(landed)")
            #expect((ordered["from"] as? [String: Any])?["id"] as? Int == pair.userID)
            #expect((ordered["via_bot"] as? [String: Any])?["id"] as? Int == pair.botID)
            let twice = try await client.bot(pair.bot, "answerWebAppQuery", ["web_app_query_id": menuFields["query_id"] ?? "", "result": result])
            #expect(twice.status == 400)

            // A reply keyboard's Web App answers with sendData, so it gets no query id.
            let keyboard = #"{"keyboard":[[{"text":"Order","web_app":{"url":"https://example.com/order"}}]]}"#
            #expect(try await client.botSends(pair, keyboard).ok)
            let order = try await client.user(pair.user, "openWebApp", ["bot_id": "\(pair.botID)", "url": "https://example.com/order"])
            let orderFields = Self.fields(order.resultObject["init_data"] as? String ?? "")
            #expect(order.ok && orderFields["query_id"] == nil && orderFields["user"] != nil)
            #expect(orderFields["hash"] == Self.expectedHash(orderFields, token: pair.bot))

            // The menu's URL on a keyboard button: the client says which one was pressed.
            let same = #"{"keyboard":[[{"text":"Shop","web_app":{"url":"https://example.com/app"}},{"text":"Order","web_app":{"url":"https://example.com/order"}}]]}"#
            #expect(try await client.botSends(pair, same).ok)
            let open = { (text: String?) async throws -> Answer in
                var parameters = ["bot_id": "\(pair.botID)", "url": Self.appURL]
                parameters["button_text"] = text
                return try await client.user(pair.user, "openWebApp", parameters)
            }
            #expect(Self.fields(try await open(nil).resultObject["init_data"] as? String ?? "")["query_id"] != nil)
            let fromKeyboard = try await open("Shop")
            let keyboardFields = Self.fields(fromKeyboard.resultObject["init_data"] as? String ?? "")
            #expect(fromKeyboard.ok && keyboardFields["query_id"] == nil && keyboardFields["hash"] != nil, "\(fromKeyboard.body)")
            #expect(try await open("Order").description == "Bad Request: URL_INVALID")
            #expect(try await open("Nothing").description == "Bad Request: BUTTON_TEXT_INVALID")
        }
    }

    @Test func theButtonAboveInlineResultsOpensItsWebAppWithoutAChat() async throws {
        try await TestWorld().run { client in
            let w = try await client.inlineWorld()
            let app = "https://example.com/inline-app"
            async let asked = client.user(w.alice, "sendInlineQuery", ["bot_username": "inline_bot", "query": "shop"])
            let update = try await client.nextUpdate("inline_query", bot: w.bot)
            let queryID = update["id"] as? String ?? ""
            #expect(try await client.bot(w.bot, "answerInlineQuery", [
                "inline_query_id": queryID, "results": "[]", "cache_time": "0", "is_personal": "true",
                "button": #"{"text":"Open the shop","web_app":{"url":"\#(app)"}}"#,
            ]).ok)
            let answer = try await asked
            #expect((answer.resultObject["button"] as? [String: Any])?["text"] as? String == "Open the shop")

            // Without the answer that showed the button, nothing shows it.
            let bare = try await client.user(w.alice, "openWebApp", ["bot_username": "inline_bot", "url": app])
            #expect(bare.description == "Bad Request: URL_INVALID")
            let opened = try await client.user(w.alice, "openWebApp", ["bot_username": "inline_bot", "url": app, "inline_query_id": queryID])
            #expect(opened.resultObject["url"] as? String == app, "\(opened.body)")
            let fields = Self.fields(opened.resultObject["init_data"] as? String ?? "")
            #expect(Set(fields.keys) == ["query_id", "user", "auth_date", "signature", "hash"], "no chat, as on Telegram")
            #expect(fields["hash"] == Self.expectedHash(fields, token: w.bot))
            #expect(fields["user"]?.contains("\"id\":\(w.aliceID)") == true)

            // Another URL, someone else's personal answer, or an unknown query are refused.
            let otherURL = try await client.user(w.alice, "openWebApp", [
                "bot_username": "inline_bot", "url": "https://example.com/other", "inline_query_id": queryID,
            ])
            #expect(otherURL.description == "Bad Request: URL_INVALID")
            let bob = try await client.user(w.bob, "openWebApp", ["bot_username": "inline_bot", "url": app, "inline_query_id": queryID])
            #expect(bob.description == "Bad Request: QUERY_ID_INVALID")
            let unknown = try await client.user(w.alice, "openWebApp", ["bot_username": "inline_bot", "url": app, "inline_query_id": "42"])
            #expect(unknown.description == "Bad Request: QUERY_ID_INVALID")

            // The Mini App's query_id answers with answerWebAppQuery, once.
            let result = #"{"type":"article","id":"1","title":"Basket","input_message_content":{"message_text":"Basket: 2 apples"}}"#
            let answered = try await client.bot(w.bot, "answerWebAppQuery", ["web_app_query_id": fields["query_id"] ?? "", "result": result])
            #expect(answered.ok, "\(answered.body)")
            let twice = try await client.bot(w.bot, "answerWebAppQuery", ["web_app_query_id": fields["query_id"] ?? "", "result": result])
            #expect(twice.status == 400)
        }
    }

    @Test func usersSeeTheMenuButtonTheBotSetForThem() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let (other, otherID) = try await client.createUser("Bob")
            #expect(try await client.user(other, "startBot", ["bot_id": "\(pair.botID)"]).ok)
            let initial = try await client.user(pair.user, "getBotMenuButton", ["bot_id": "\(pair.botID)"])
            #expect(initial.resultObject.count == 1 && initial.resultObject["type"] as? String == "default", "\(initial.body)")

            // A bot-wide Mini App for everyone; one chat's own button for Bob only.
            let app = #"{"type":"web_app","text":"Shop","web_app":{"url":"https://example.com/app"}}"#
            #expect(try await client.bot(pair.bot, "setChatMenuButton", ["menu_button": app]).ok)
            let own = #"{"type":"web_app","text":"Bob's shop","web_app":{"url":"https://example.com/bob"}}"#
            #expect(try await client.bot(pair.bot, "setChatMenuButton", ["chat_id": "\(otherID)", "menu_button": own]).ok)
            let seen = try await client.user(pair.user, "getBotMenuButton", ["bot_id": "\(pair.botID)"])
            #expect(seen.resultObject["type"] as? String == "web_app" && seen.resultObject["text"] as? String == "Shop")
            #expect((seen.resultObject["web_app"] as? [String: Any])?["url"] as? String == Self.appURL)
            let bobs = try await client.user(other, "getBotMenuButton", ["bot_username": "@echo_bot"])
            #expect((bobs.resultObject["web_app"] as? [String: Any])?["url"] as? String == "https://example.com/bob", "\(bobs.body)")

            let unknown = try await client.user(pair.user, "getBotMenuButton", ["bot_id": "\(pair.userID)"])
            #expect(unknown.status == 400 && unknown.description == "Bad Request: bot not found")
            #expect(try await client.bot(pair.bot, "getBotMenuButton", ["bot_id": "\(pair.botID)"]).status == 404)
        }
    }

    @Test func sendWebAppDataNeedsTheKeyboardButton() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let parameters = ["bot_id": "\(pair.botID)", "button_text": "Order", "data": #"{"pizza":2}"#]
            let early = try await client.user(pair.user, "sendWebAppData", parameters)
            #expect(early.status == 400 && early.description == "Bad Request: BUTTON_TEXT_INVALID")

            let keyboard = #"{"keyboard":[[{"text":"Order","web_app":{"url":"https://example.com/order"}},{"text":"Plain"}]]}"#
            #expect(try await client.botSends(pair, keyboard).ok)
            _ = try await client.drainUpdates(user: pair.user)
            var plain = parameters
            plain["button_text"] = "Plain"
            #expect(try await client.user(pair.user, "sendWebAppData", plain).description == "Bad Request: BUTTON_TEXT_INVALID")
            var long = parameters
            long["data"] = String(repeating: "x", count: 4097)
            #expect(try await client.user(pair.user, "sendWebAppData", long).description == "Bad Request: DATA_INVALID")

            let sent = try await client.user(pair.user, "sendWebAppData", parameters)
            #expect(sent.ok, "\(sent.body)")
            let updates = try await client.drainUpdates(bot: pair.bot)
            let message = try #require(updates.last?["message"] as? [String: Any])
            #expect(message["web_app_data"] as? [String: String] == ["data": #"{"pizza":2}"#, "button_text": "Order"])
            #expect((message["from"] as? [String: Any])?["id"] as? Int == pair.userID && message["text"] == nil)

            // Once the bot removes the keyboard, the button is gone.
            #expect(try await client.botSends(pair, #"{"remove_keyboard":true}"#).ok)
            #expect(try await client.user(pair.user, "sendWebAppData", parameters).description == "Bad Request: BUTTON_TEXT_INVALID")
        }
    }
}
