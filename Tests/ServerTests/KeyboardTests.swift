import Foundation
import Testing

/// A bot and a user who already wrote to it, so the bot may write back.
struct ChatPair {
    let bot: String
    let botID: Int
    let user: String
    let userID: Int
}

extension Client {
    func chatPair() async throws -> ChatPair {
        let (bot, botID) = try await createBot()
        let (user, userID) = try await createUser()
        try #require(try await self.user(user, "sendMessage", ["chat_id": "\(botID)", "text": "hi"]).ok)
        _ = try await drainUpdates(bot: bot)
        return ChatPair(bot: bot, botID: botID, user: user, userID: userID)
    }

    /// The bot sends `text` with `markup` to the pair's user.
    func botSends(_ pair: ChatPair, _ markup: String, text: String = "pick") async throws -> Answer {
        try await bot(pair.bot, "sendMessage", ["chat_id": "\(pair.userID)", "text": text, "reply_markup": markup])
    }

    /// Confirms and returns the recipient's pending updates.
    func drainUpdates(bot token: String) async throws -> [[String: Any]] {
        let updates = try await bot(token, "getUpdates").resultArray
        if let last = updates.last?["update_id"] as? Int { _ = try await bot(token, "getUpdates", ["offset": "\(last + 1)"]) }
        return updates
    }

    func drainUpdates(user token: String) async throws -> [[String: Any]] {
        let updates = try await user(token, "getUpdates").resultArray
        if let last = updates.last?["update_id"] as? Int { _ = try await user(token, "getUpdates", ["offset": "\(last + 1)"]) }
        return updates
    }
}

/// `reply_markup` checked as Telegram checks it (behaviour.md §2.7), and what the user sees.
@Suite struct KeyboardTests {
    @Test func inlineButtonErrorsReadLikeTheOfficialServer() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let cases: [(String, String)] = [
                (#"{"inline_keyboard":[[{"text":"a"}]]}"#,
                 "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"),
                (#"{"inline_keyboard":[[{"text":"a","callback_data":"","url":""}]]}"#,
                 "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"),
                (#"{"inline_keyboard":[[{"text":"a","callback_data":"\#(String(repeating: "x", count: 65))"}]]}"#,
                 "Bad Request: BUTTON_DATA_INVALID"),
                (#"{"inline_keyboard":[[{"text":"a","url":"not-a-url"}]]}"#,
                 "Bad Request: inline keyboard button URL 'not-a-url' is invalid: Wrong HTTP URL"),
                (#"{"inline_keyboard":[[{"text":"a","url":"ftp://example.com"}]]}"#,
                 "Bad Request: inline keyboard button URL 'ftp://example.com' is invalid: Unsupported URL protocol"),
                (#"{"inline_keyboard":[[{"text":"a","url":"http://192.168.1.10:8080/x"}]]}"#, "Bad Request: BUTTON_URL_INVALID"),
                (#"{"inline_keyboard":[[{"text":"a","login_url":{"url":"https://example.com","bot_username":"bad name"}}]]}"#,
                 "Bad Request: can't parse inline keyboard button: LoginUrl bot username is invalid"),
                (#"{"inline_keyboard":[[{"text":"a","login_url":{"url":"http://example.com"}}]]}"#,
                 "Bad Request: inline keyboard button login URL 'http://example.com' is invalid: Only HTTPS links are allowed"),
                (#"{"inline_keyboard":[[{"text":"a","web_app":{"url":"http://example.com"}}]]}"#,
                 "Bad Request: inline keyboard button Web App URL 'http://example.com' is invalid: Only HTTPS links are allowed"),
                (#"{"inline_keyboard":[[{"text":"a","callback_data":"x","style":"loud"}]]}"#,
                 "Bad Request: can't parse inline keyboard button: invalid button style specified"),
                (#"{"keyboard":[["a"]],"input_field_placeholder":"\#(String(repeating: "p", count: 65))"}"#,
                 "Bad Request: REPLY_MARKUP_INVALID"),
                (#"{"force_reply":true,"input_field_placeholder":"\#(String(repeating: "p", count: 65))"}"#,
                 "Bad Request: REPLY_MARKUP_INVALID"),
                (#"{"keyboard":[[{"text":"a","web_app":{"url":"example.com"}}]]}"#,
                 "Bad Request: keyboard button Web App URL 'example.com' is invalid: Only HTTPS links are allowed"),
            ]
            let shapes: [(String, String)] = [
                (#"{"inline_keyboard":"#, "Bad Request: can't parse reply keyboard markup JSON object"),
                ("[1]", "Bad Request: object expected as reply markup"),
                (#"{"inline_keyboard":[{"text":"a"}]}"#,
                 #"Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays"#),
                (#"{"inline_keyboard":[["a"]]}"#, "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object"),
                (#"{"inline_keyboard":[[{"callback_data":"x"}]]}"#, #"Bad Request: can't parse inline keyboard button: Can't find field "text""#),
                (#"{"keyboard":["a"]}"#, #"Bad Request: field "keyboard" must be an Array of Arrays"#),
                (#"{"keyboard":[[1]]}"#, "Bad Request: can't parse keyboard button: KeyboardButton must be a String or an Object"),
                (#"{"keyboard":[[{"text":["a"]}]]}"#, #"Bad Request: can't parse keyboard button: Field "text" must be of type String"#),
            ]
            for (markup, expected) in cases + shapes {
                let answer = try await client.botSends(pair, markup)
                #expect(answer.status == 400 && answer.description == expected, "\(markup) → \(answer.body)")
            }
            let tooMany = "[" + (0..<101).map { #"[{"text":"b\#($0)","callback_data":"d\#($0)"}]"# }.joined(separator: ",") + "]"
            let tooLong = try await client.botSends(pair, #"{"inline_keyboard":\#(tooMany)}"#)
            #expect(tooLong.description == "Bad Request: reply markup is too long")
        }
    }

    @Test func inlineKeyboardsAreNormalisedAndReachTheUser() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let markup = #"""
                {"inline_keyboard":[
                  [{"text":"Site","url":"example.com","callback_data":"ignored"},{"text":"","callback_data":"dropped"}],
                  [{"text":"Press","callback_data":"press:1"},{"text":"Profile","url":"tg://user?id=\#(pair.userID)"}],
                  [{"text":"Copy","copy_text":{"text":"secret"}},{"text":"Here","switch_inline_query_current_chat":""}],
                  [{"text":"","url":"https://example.com"}]
                ]}
                """#
            let sent = try await client.botSends(pair, markup)
            #expect(sent.ok, "\(sent.body)")
            let expected: [[[String: String]]] = [
                [["text": "Site", "url": "http://example.com/"]],
                [["text": "Press", "callback_data": "press:1"], ["text": "Profile", "url": "tg://user?id=\(pair.userID)"]],
            ]
            let rows = (sent.resultObject["reply_markup"] as? [String: Any])?["inline_keyboard"] as? [[[String: Any]]] ?? []
            #expect(rows.count == 3)
            for (row, want) in zip(rows, expected) {
                #expect(row.map { $0.compactMapValues { $0 as? String } } == want)
            }
            let copy = rows.last?.first?["copy_text"] as? [String: Any]
            #expect(copy?["text"] as? String == "secret")

            let received = try await client.drainUpdates(user: pair.user)
            let message = received.first?["message"] as? [String: Any] ?? [:]
            let seenRows = (message["reply_markup"] as? [String: Any])?["inline_keyboard"] as? [[[String: Any]]] ?? []
            #expect(seenRows.count == 3 && seenRows[1].first?["callback_data"] as? String == "press:1")
        }
    }

    @Test func replyKeyboardsTravelBesideTheMessageForPeopleOnly() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let markup = #"""
                {"keyboard":[["Yes",{"text":"No"},{"text":""}],[{"text":"Phone","request_contact":true},{"text":"Where","request_location":true}]],
                 "resize_keyboard":true,"one_time_keyboard":true,"is_persistent":false,"input_field_placeholder":"Answer"}
                """#
            let sent = try await client.botSends(pair, markup)
            #expect(sent.ok, "\(sent.body)")
            // Not part of the Message object bots see.
            #expect(sent.resultObject["reply_markup"] == nil)
            let message = try await client.drainUpdates(user: pair.user).first?["message"] as? [String: Any] ?? [:]
            let keyboard = message["reply_markup"] as? [String: Any] ?? [:]
            let rows = keyboard["keyboard"] as? [[[String: Any]]] ?? []
            #expect(rows.map { $0.map { $0["text"] as? String ?? "" } } == [["Yes", "No"], ["Phone", "Where"]])
            #expect(rows.last?.first?["request_contact"] as? Bool == true)
            #expect(keyboard["resize_keyboard"] as? Bool == true && keyboard["one_time_keyboard"] as? Bool == true)
            #expect(keyboard["is_persistent"] == nil && keyboard["input_field_placeholder"] as? String == "Answer")

            #expect(try await client.botSends(pair, #"{"remove_keyboard":true}"#).ok)
            let removal = try await client.drainUpdates(user: pair.user).first?["message"] as? [String: Any] ?? [:]
            #expect((removal["reply_markup"] as? [String: Any])?["remove_keyboard"] as? Bool == true)

            #expect(try await client.botSends(pair, #"{"force_reply":true,"input_field_placeholder":"Your name"}"#).ok)
            let force = try await client.drainUpdates(user: pair.user).first?["message"] as? [String: Any] ?? [:]
            let forceMarkup = force["reply_markup"] as? [String: Any] ?? [:]
            #expect(forceMarkup["force_reply"] as? Bool == true && forceMarkup["input_field_placeholder"] as? String == "Your name")
        }
    }

    @Test func peopleCannotAttachMarkupAndEmptyKeyboardsVanish() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let fromUser = try await client.user(pair.user, "sendMessage", [
                "chat_id": "\(pair.botID)", "text": "x", "reply_markup": #"{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]}"#,
            ])
            #expect(fromUser.ok && fromUser.resultObject["reply_markup"] == nil)
            let botSeen = try await client.drainUpdates(bot: pair.bot).first?["message"] as? [String: Any] ?? [:]
            #expect(botSeen["text"] as? String == "x" && botSeen["reply_markup"] == nil)
            let onlyEmpty = try await client.botSends(pair, #"{"inline_keyboard":[[{"text":"","callback_data":"b"}]]}"#)
            #expect(onlyEmpty.ok && onlyEmpty.resultObject["reply_markup"] == nil)
        }
    }
}
