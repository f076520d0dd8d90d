@testable import Engine
import Foundation
import Storage
import Testing

/// An inline bot, two people and the calls around them.
struct InlineWorld {
    let bot: String
    let botID: Int
    let alice: String
    let aliceID: Int
    let bob: String
    let bobID: Int
}

extension Client {
    /// An inline bot (`@inline_bot`, with `inline_feedback` as asked) and two users.
    func inlineWorld(feedback: Bool = true) async throws -> InlineWorld {
        let created = try await admin("createBot", [
            "username": "inline_bot", "first_name": "Inline", "supports_inline_queries": "true",
            "inline_feedback": feedback ? "true" : "false", "inline_placeholder": "Search…",
        ])
        try #require(created.ok, "\(created.body)")
        let bot = created.resultObject["token"] as? String ?? ""
        let botID = (created.resultObject["user"] as? [String: Any])?["id"] as? Int ?? 0
        let (alice, aliceID) = try await createUser("Alice")
        let (bob, bobID) = try await createUser("Bob")
        return InlineWorld(bot: bot, botID: botID, alice: alice, aliceID: aliceID, bob: bob, bobID: bobID)
    }

    /// Waits (bounded) for the bot's next update of `kind`, confirms it and returns its object.
    func nextUpdate(_ kind: String, bot token: String, timeout: Int = 5) async throws -> [String: Any] {
        let updates = try await bot(token, "getUpdates", ["timeout": "\(timeout)"]).resultArray
        let update = try #require(updates.first(where: { $0[kind] != nil }), "no \(kind) in \(updates)")
        _ = try await bot(token, "getUpdates", ["offset": "\((update["update_id"] as? Int ?? 0) + 1)"])
        return update[kind] as? [String: Any] ?? [:]
    }

    /// `asker` (Alice unless given) asks `@inline_bot` for `query`, and the bot answers with
    /// `results` (a JSON array, not cached); returns the answered query's id.
    func answeredInlineQuery(_ w: InlineWorld, query: String = "", results: String, asker: String? = nil) async throws -> String {
        async let asked = user(asker ?? w.alice, "sendInlineQuery", ["bot_username": "inline_bot", "query": query])
        let update = try await nextUpdate("inline_query", bot: w.bot)
        let queryID = update["id"] as? String ?? ""
        let answered = try await bot(w.bot, "answerInlineQuery", ["inline_query_id": queryID, "results": results, "cache_time": "0"])
        try #require(answered.ok, "\(answered.body)")
        let answer = try await asked
        try #require(answer.ok, "\(answer.body)")
        return queryID
    }
}

/// Inline mode (issue 11, item 1): queries from the user surface, the bot's answers with
/// their checks, paging and caching, sending a result, and editing it by inline_message_id.
@Suite struct InlineModeTests {
    static let tooOld = "Bad Request: query is too old and response timeout expired or query ID is invalid"

    /// Alice's query and the bot's `inline_query` for it.
    private func ask(
        _ client: Client, _ w: InlineWorld, query: String, offset: String = "", chat: Int? = nil, user: String? = nil,
        answer: [String: String]
    ) async throws -> (update: [String: Any], answer: Answer) {
        var parameters = ["bot_username": "inline_bot", "query": query, "offset": offset]
        parameters["chat_id"] = chat.map { "\($0)" }
        async let asked = client.user(user ?? w.alice, "sendInlineQuery", parameters)
        let update = try await client.nextUpdate("inline_query", bot: w.bot)
        var answerParameters = answer
        answerParameters["inline_query_id"] = update["id"] as? String ?? ""
        let answered = try await client.bot(w.bot, "answerInlineQuery", answerParameters)
        #expect(answered.body == #"{"ok":true,"result":true}"#, "\(answered.body)")
        return (update, try await asked)
    }

    static func article(_ id: String, _ text: String, keyboard: Bool = false) -> String {
        let markup = keyboard ? #","reply_markup":{"inline_keyboard":[[{"text":"Like","callback_data":"like"}]]}"# : ""
        return #"{"type":"article","id":"\#(id)","title":"Result \#(id)","input_message_content":{"message_text":"\#(text)"}\#(markup)}"#
    }

    @Test func queriesArePagedAnsweredAndSentViaTheBot() async throws {
        try await TestWorld().run { client in
            let w = try await client.inlineWorld()
            let first = try await ask(client, w, query: "cats", answer: [
                "results": "[\(Self.article("1", "Cat one", keyboard: true)),\(Self.article("2", "Cat two"))]",
                "next_offset": "2", "cache_time": "0",
            ])
            #expect(first.update["query"] as? String == "cats" && first.update["offset"] as? String == "")
            #expect((first.update["from"] as? [String: Any])?["id"] as? Int == w.aliceID)
            #expect(first.update["chat_type"] == nil)
            let queryID = try #require(first.update["id"] as? String)
            #expect(UInt64(queryID) != nil)
            let answer = first.answer.resultObject
            #expect(first.answer.ok, "\(first.answer.body)")
            #expect(answer["query_id"] as? String == queryID && answer["next_offset"] as? String == "2")
            #expect(answer["cache_time"] as? Int == 0 && answer["is_personal"] as? Bool == false)
            let results = answer["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["id"] as? String } == ["1", "2"] && results.first?["title"] as? String == "Result 1")

            // The next page is a new query with the offset the bot gave.
            let second = try await ask(client, w, query: "cats", offset: "2", chat: w.botID, answer: ["results": "[]"])
            #expect(second.update["offset"] as? String == "2" && second.update["chat_type"] as? String == "sender")
            #expect((second.answer.resultObject["results"] as? [Any])?.isEmpty == true)
            #expect(second.answer.resultObject["cache_time"] as? Int == 300)

            // Alice sends the first result to Bob: a message from her via the bot, with its keyboard.
            let sent = try await client.user(w.alice, "sendInlineResult", ["chat_id": "\(w.bobID)", "query_id": queryID, "result_id": "1"])
            #expect(sent.ok, "\(sent.body)")
            let message = sent.resultObject
            #expect(message["text"] as? String == "Cat one")
            #expect((message["from"] as? [String: Any])?["id"] as? Int == w.aliceID)
            #expect((message["via_bot"] as? [String: Any])?["username"] as? String == "inline_bot")
            #expect(message["reply_markup"] != nil)
            let bobs = try await client.drainUpdates(user: w.bob)
            let received = try #require(bobs.last?["message"] as? [String: Any])
            #expect(received["text"] as? String == "Cat one" && (received["via_bot"] as? [String: Any])?["id"] as? Int == w.botID)

            // The bot learns the choice, with the message's inline_message_id, and edits it.
            let chosen = try await client.nextUpdate("chosen_inline_result", bot: w.bot)
            #expect(chosen["result_id"] as? String == "1" && chosen["query"] as? String == "cats")
            #expect((chosen["from"] as? [String: Any])?["id"] as? Int == w.aliceID)
            let inlineID = try #require(chosen["inline_message_id"] as? String)
            #expect(inlineID.count >= 27)
            let edited = try await client.bot(w.bot, "editMessageText", [
                "inline_message_id": inlineID, "text": "Cat one, edited",
                "reply_markup": #"{"inline_keyboard":[[{"text":"Like","callback_data":"like"}]]}"#,
            ])
            #expect(edited.body == #"{"ok":true,"result":true}"#, "\(edited.body)")
            let bobEdit = try await client.drainUpdates(user: w.bob).last?["edited_message"] as? [String: Any]
            #expect(bobEdit?["text"] as? String == "Cat one, edited" && bobEdit?["message_id"] as? Int == message["message_id"] as? Int)
            let aliceEdit = try await client.drainUpdates(user: w.alice).last?["edited_message"] as? [String: Any]
            #expect(aliceEdit?["text"] as? String == "Cat one, edited")
            // Bob presses the button: the bot gets the inline message's id, not the message.
            async let pressed = client.user(w.bob, "sendCallbackQuery", [
                "chat_id": "\(w.aliceID)", "message_id": "\(message["message_id"] as? Int ?? 0)", "data": "like",
            ])
            let press = try await client.nextUpdate("callback_query", bot: w.bot)
            #expect(press["inline_message_id"] as? String == inlineID && press["message"] == nil && press["chat_instance"] != nil)
            #expect(try await client.bot(w.bot, "answerCallbackQuery", ["callback_query_id": press["id"] as? String ?? ""]).ok)
            #expect(try await pressed.ok)
            let markup = try await client.bot(w.bot, "editMessageReplyMarkup", [
                "inline_message_id": inlineID, "reply_markup": #"{"inline_keyboard":[[{"text":"Liked","callback_data":"liked"}]]}"#,
            ])
            #expect(markup.body == #"{"ok":true,"result":true}"#, "\(markup.body)")
            let same = try await client.bot(w.bot, "editMessageText", [
                "inline_message_id": inlineID, "text": "Cat one, edited",
                "reply_markup": #"{"inline_keyboard":[[{"text":"Liked","callback_data":"liked"}]]}"#,
            ])
            #expect(same.description?.hasPrefix("Bad Request: message is not modified") == true)

            // Only that bot can use the id; a result without a keyboard has none.
            let (other, _) = try await client.createBot("other_bot", name: "Other")
            let foreign = try await client.bot(other, "editMessageText", ["inline_message_id": inlineID, "text": "x"])
            #expect(foreign.description == "Bad Request: invalid inline message identifier specified")
            let plain = try await client.user(w.alice, "sendInlineResult", ["chat_id": "\(w.bobID)", "query_id": queryID, "result_id": "2"])
            #expect(plain.ok && plain.resultObject["reply_markup"] == nil)
            #expect(try await client.nextUpdate("chosen_inline_result", bot: w.bot)["inline_message_id"] == nil)

            let unknown = try await client.user(w.alice, "sendInlineResult", ["chat_id": "\(w.bobID)", "query_id": queryID, "result_id": "9"])
            #expect(unknown.description == "Bad Request: RESULT_ID_INVALID")
            let badQuery = try await client.user(w.alice, "sendInlineResult", ["chat_id": "\(w.bobID)", "query_id": "1", "result_id": "1"])
            #expect(badQuery.description == "Bad Request: QUERY_ID_INVALID")
        }
    }

    @Test func answersAreCheckedAsTelegramChecksThem() async throws {
        try await TestWorld().run { client in
            let w = try await client.inlineWorld()
            let article = Self.article("1", "hi")
            let many = "[" + (1...51).map { Self.article("\($0)", "x") }.joined(separator: ",") + "]"
            let cases: [([String: String], String)] = [
                (["results": "nope"], "Bad Request: can't parse JSON encoded inline query results: Unexpected symbol while parsing JSON value"),
                (["results": "{}"], "Bad Request: expected an Array of inline query results"),
                (["results": many], "Bad Request: too many inline query results specified"),
                (["results": "[1]"], "Bad Request: can't parse inline query result: Inline query result must be an object"),
                (["results": #"[{"type":"article","id":"1","title":"t"}]"#],
                 #"Bad Request: can't parse inline query result: Can't find field "message_text""#),
                (["results": #"[{"type":"hologram","id":"1"}]"#],
                 #"Bad Request: can't parse inline query result: type "hologram" is unsupported for the inline query result"#),
                (["results": #"[{"type":"article","id":"1","title":"t","input_message_content":{"foo":1}}]"#],
                 "Bad Request: can't parse inline query result: Input message content is not specified"),
                (["results": #"[{"type":"photo","id":"1"}]"#], #"Bad Request: can't parse inline query result: Can't find field "photo_file_id""#),
                (["results": #"[{"type":"photo","id":"1","photo_url":"https://example.com/cat.jpg"}]"#], "Bad Request: PHOTO_THUMB_URL_EMPTY"),
                (["results": #"[{"type":"document","id":"1","title":"t","document_url":"https://example.com/a.txt","mime_type":"text/plain"}]"#],
                 "Bad Request: unallowed document MIME type"),
                (["results": #"[{"type":"video","id":"1","title":"t","video_url":"https://example.com/a.avi","mime_type":"video/avi","thumbnail_url":"https://example.com/t.jpg"}]"#],
                 "Bad Request: unallowed video MIME type"),
                (["results": #"[{"type":"sticker","id":"1","sticker_file_id":"https://example.com/s.webp"}]"#],
                 "Bad Request: wrong sticker_file_id specified"),
                (["results": #"[{"type":"contact","id":"1","phone_number":" ","first_name":"A"}]"#],
                 #"Bad Request: field "phone_number" must contain a valid phone number"#),
                (["results": #"[{"type":"article","id":"1","title":"","message_text":"x"}]"#], "Bad Request: ARTICLE_TITLE_EMPTY"),
                (["results": "[\(article),\(article)]"], "Bad Request: RESULT_ID_DUPLICATE"),
                (["results": #"[{"type":"article","id":"","title":"t","message_text":"x"}]"#], "Bad Request: RESULT_ID_EMPTY"),
                (["results": "[\(article)]", "next_offset": String(repeating: "x", count: 65)], "Bad Request: NEXT_OFFSET_INVALID"),
                (["results": "[\(article)]", "button": #"{"text":"Go"}"#],
                 "Bad Request: can't parse inline query results button: InlineQueryResultsButton must have exactly one optional field"),
                (["results": "[\(article)]", "button": "{"], "Bad Request: can't parse inline query results button JSON object"),
                (["results": "[\(article)]", "button": #"{"text":"Go","start_parameter":"bad param"}"#],
                 "Bad Request: unallowed characters in start_parameter are used"),
                (["results": #"[{"type":"article","id":"1","title":"t","message_text":"x","reply_markup":{"keyboard":[[{"text":"a"}]]}}]"#],
                 "Bad Request: inline keyboard expected"),
                (["results": "[\(article)]"], Self.tooOld),
                ([:], Self.tooOld),
            ]
            for (parameters, expected) in cases {
                var call = parameters
                call["inline_query_id"] = "12345"
                let answer = try await client.bot(w.bot, "answerInlineQuery", call)
                #expect(answer.status == 400 && answer.description == expected, "\(parameters): \(answer.body)")
            }

            let bogusFile = try await client.bot(w.bot, "answerInlineQuery", [
                "inline_query_id": "12345", "results": #"[{"type":"photo","id":"1","photo_file_id":"AgADBAADbogus"}]"#,
            ])
            #expect(bogusFile.description?.hasPrefix("Bad Request: wrong remote file identifier specified") == true, "\(bogusFile.body)")

            // A bot without inline mode can't be asked.
            let (_, _) = try await client.createBot("plain_bot", name: "Plain")
            let disabled = try await client.user(w.alice, "sendInlineQuery", ["bot_username": "plain_bot", "query": "x"])
            #expect(disabled.description == "Bad Request: BOT_INLINE_DISABLED")
            let missing = try await client.user(w.alice, "sendInlineQuery", ["bot_username": "nobody_bot", "query": "x"])
            #expect(missing.description == "Bad Request: bot not found")
        }
    }

    @Test func unansweredQueriesTimeOutAndAnswersCountOnce() async throws {
        try await TestWorld().run { client in
            let w = try await client.inlineWorld()
            let timedOut = try await client.user(w.alice, "sendInlineQuery", ["bot_id": "\(w.botID)", "query": "slow", "timeout": "0.05"])
            #expect(timedOut.status == 400 && timedOut.description == "Bad Request: BOT_RESPONSE_TIMEOUT")
            let update = try await client.nextUpdate("inline_query", bot: w.bot)
            let late = try await client.bot(w.bot, "answerInlineQuery", [
                "inline_query_id": update["id"] as? String ?? "", "results": "[\(Self.article("1", "x"))]",
            ])
            #expect(late.description == Self.tooOld)

            let answered = try await ask(client, w, query: "twice", answer: ["results": "[]"])
            let again = try await client.bot(w.bot, "answerInlineQuery", ["inline_query_id": answered.update["id"] as? String ?? "", "results": "[]"])
            #expect(again.description == Self.tooOld)
        }
    }

    @Test func cachedAnswersAreServedWithoutAskingTheBot() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let w = try await client.inlineWorld()
            let first = try await ask(client, w, query: "news", answer: [
                "results": "[\(Self.article("1", "Today"))]", "cache_time": "60",
                "button": #"{"text":"Settings","start_parameter":"settings"}"#,
            ])
            #expect(first.answer.resultObject["button"] as? [String: String] == ["text": "Settings", "start_parameter": "settings"])
            let cached = try await client.user(w.bob, "sendInlineQuery", ["bot_username": "inline_bot", "query": "news"])
            #expect(cached.resultObject["query_id"] as? String == first.update["id"] as? String, "\(cached.body)")
            #expect(try await client.bot(w.bot, "getUpdates").resultArray.isEmpty)
            // Bob may send the shared answer's result too.
            let sent = try await client.user(w.bob, "sendInlineResult", [
                "chat_id": "\(w.aliceID)", "query_id": first.update["id"] as? String ?? "", "result_id": "1",
            ])
            #expect(sent.ok && sent.resultObject["text"] as? String == "Today", "\(sent.body)")
            _ = try await client.drainUpdates(bot: w.bot)

            // Once cache_time has passed, the bot is asked again.
            world.clock.advance(by: 61)
            let fresh = try await ask(client, w, query: "news", answer: ["results": "[]", "cache_time": "300", "is_personal": "true"])
            #expect(fresh.answer.resultObject["is_personal"] as? Bool == true)
            // A personal answer is cached for its user only.
            let mine = try await client.user(w.alice, "sendInlineQuery", ["bot_username": "inline_bot", "query": "news"])
            #expect(mine.resultObject["query_id"] as? String == fresh.update["id"] as? String)
            let bobs = try await ask(client, w, query: "news", user: w.bob, answer: ["results": "[]"])
            #expect(bobs.update["id"] as? String != fresh.update["id"] as? String)
        }
    }

    @Test func groupsRespectTheRightToSendOtherMessages() async throws {
        try await TestWorld().run { client in
            let w = try await client.inlineWorld(feedback: false)
            let created = try await client.user(w.alice, "createChat", ["type": "supergroup", "title": "Team", "member_ids": "[\(w.bobID)]"])
            let groupID = try #require(created.resultObject["id"] as? Int, "\(created.body)")
            let restricted = try await client.user(w.alice, "setChatPermissions", [
                "chat_id": "\(groupID)", "permissions": #"{"can_send_messages":true}"#,
            ])
            #expect(restricted.ok, "\(restricted.body)")
            let refused = try await client.user(w.bob, "sendInlineQuery", ["bot_username": "inline_bot", "query": "x", "chat_id": "\(groupID)"])
            #expect(refused.description == "Bad Request: CHAT_SEND_INLINE_FORBIDDEN")

            // The creator may, and the result lands in the group via the bot; no feedback asked.
            let asked = try await ask(client, w, query: "hello", chat: groupID, answer: ["results": "[\(Self.article("a", "Hello group"))]"])
            #expect(asked.update["chat_type"] as? String == "supergroup")
            let sent = try await client.user(w.alice, "sendInlineResult", [
                "chat_id": "\(groupID)", "query_id": asked.update["id"] as? String ?? "", "result_id": "a",
            ])
            #expect(sent.ok && (sent.resultObject["chat"] as? [String: Any])?["id"] as? Int == groupID, "\(sent.body)")
            let bobs = try await client.drainUpdates(user: w.bob)
            #expect((bobs.last?["message"] as? [String: Any])?["text"] as? String == "Hello group")
            #expect(try await client.bot(w.bot, "getUpdates").resultArray.isEmpty)
        }
    }

    @Test func contentKindsBecomeTheirMessages() async throws {
        try await TestWorld().run { client in
            let w = try await client.inlineWorld(feedback: false)
            let results = [
                #"{"type":"location","id":"loc","latitude":51.5,"longitude":-0.12,"title":"London"}"#,
                #"{"type":"venue","id":"ven","latitude":48.85,"longitude":2.35,"title":"Louvre","address":"Rue de Rivoli"}"#,
                #"{"type":"contact","id":"con","phone_number":"+15550100","first_name":"Carol"}"#,
                #"{"type":"photo","id":"pic","photo_url":"https://example.com/p.jpg","thumbnail_url":"https://example.com/t.jpg","input_message_content":{"message_text":"<b>bold</b>","parse_mode":"HTML"}}"#,
                #"{"type":"article","id":"inv","title":"Buy","input_message_content":{"title":"T","description":"D","payload":"p","currency":"XTR","prices":[{"label":"x","amount":1}]}}"#,
            ]
            let asked = try await ask(client, w, query: "", answer: ["results": "[\(results.joined(separator: ","))]"])
            let queryID = asked.update["id"] as? String ?? ""
            func send(_ id: String) async throws -> Answer {
                try await client.user(w.alice, "sendInlineResult", ["chat_id": "\(w.bobID)", "query_id": queryID, "result_id": id])
            }
            let location = try await send("loc").resultObject["location"] as? [String: Any]
            #expect(location?["latitude"] as? Double == 51.5)
            let venue = try await send("ven").resultObject["venue"] as? [String: Any]
            #expect(venue?["title"] as? String == "Louvre")
            let contact = try await send("con").resultObject["contact"] as? [String: Any]
            #expect(contact?["first_name"] as? String == "Carol" && contact?["phone_number"] as? String == "+15550100")
            let text = try await send("pic").resultObject
            #expect(text["text"] as? String == "bold" && (text["entities"] as? [[String: Any]])?.first?["type"] as? String == "bold")
            let invoice = try await send("inv").resultObject["invoice"] as? [String: Any]
            #expect(invoice?["title"] as? String == "T" && invoice?["currency"] as? String == "XTR" && invoice?["total_amount"] as? Int == 1)
        }
    }

    @Test func cachedFilesAreSentAsRealMedia() async throws {
        try await TestWorld().run { client in
            let w = try await client.inlineWorld(feedback: false)
            // The bot needs a file of its own: Alice writes first, then the bot sends her a photo.
            #expect(try await client.user(w.alice, "sendMessage", ["chat_id": "\(w.botID)", "text": "hi"]).ok)
            let photo = try await client.upload(
                "bot\(w.bot)", "sendPhoto", ["chat_id": "\(w.aliceID)"],
                files: [(field: "photo", filename: "p.png", contentType: "image/png", bytes: FileTests.png(width: 4, height: 3))])
            let sizes = try #require(photo.resultObject["photo"] as? [[String: Any]], "\(photo.body)")
            let fileID = try #require(sizes.last?["file_id"] as? String)
            _ = try await client.drainUpdates(bot: w.bot)
            let result = #"{"type":"photo","id":"p","photo_file_id":"\#(fileID)","caption":"<i>cat</i>","parse_mode":"HTML"}"#
            let asked = try await ask(client, w, query: "pics", answer: ["results": "[\(result)]"])
            let sent = try await client.user(w.alice, "sendInlineResult", [
                "chat_id": "\(w.bobID)", "query_id": asked.update["id"] as? String ?? "", "result_id": "p",
            ])
            #expect(sent.ok, "\(sent.body)")
            let sentPhoto = sent.resultObject["photo"] as? [[String: Any]]
            #expect(sentPhoto?.last?["file_id"] as? String == fileID && sent.resultObject["caption"] as? String == "cat")
            let received = try await client.drainUpdates(user: w.bob).last?["message"] as? [String: Any]
            #expect((received?["photo"] as? [[String: Any]])?.last?["width"] as? Int == 4)
            // Bob was given the file with the message.
            let file = try await client.user(w.bob, "getFile", ["file_id": fileID])
            #expect(file.ok, "\(file.body)")
        }
    }

    @Test func botsAreEditedAndShowInlineSupport() async throws {
        try await TestWorld().run { client in
            let (token, id) = try await client.createBot("later_bot", name: "Later")
            #expect(try await client.bot(token, "getMe").resultObject["supports_inline_queries"] as? Bool == false)
            let edited = try await client.admin("editBot", [
                "user_id": "\(id)", "supports_inline_queries": "true", "first_name": "Later Bot", "inline_placeholder": "Type…",
            ])
            #expect(edited.ok, "\(edited.body)")
            #expect(edited.resultObject["supports_inline_queries"] as? Bool == true && edited.resultObject["first_name"] as? String == "Later Bot")
            let me = try await client.bot(token, "getMe").resultObject
            #expect(me["supports_inline_queries"] as? Bool == true && me["first_name"] as? String == "Later Bot")
            let (_, userID) = try await client.createUser("Dan")
            #expect(try await client.admin("editBot", ["user_id": "\(userID)"]).description == "Bad Request: bot not found")
            #expect(try await client.admin("editBot", ["user_id": "999"]).description == "Bad Request: user not found")
            let long = try await client.admin("editBot", ["user_id": "\(id)", "inline_placeholder": String(repeating: "x", count: 65)])
            #expect(long.status == 400)
        }
    }

    @Test func webAppQueriesAndPreparedMessagesSendViaTheBot() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let w = try await client.inlineWorld(feedback: false)
            let (bot, alice) = try await world.engine.store.read { store in
                (try store.account(id: Int64(w.botID)), try store.account(id: Int64(w.aliceID)))
            }
            let issued = try await world.engine.issueWebAppQuery(user: try #require(alice), bot: try #require(bot), chat: nil)
            let result = #"{"type":"article","id":"w","title":"Order","input_message_content":{"message_text":"Order placed"},"reply_markup":{"inline_keyboard":[[{"text":"Track","url":"https://example.com/t"}]]}}"#
            let missing = try await client.bot(w.bot, "answerWebAppQuery", ["web_app_query_id": issued.queryID])
            #expect(missing.description == "Bad Request: result isn't specified")
            let malformed = try await client.bot(w.bot, "answerWebAppQuery", ["web_app_query_id": issued.queryID, "result": #"{"type":"article","id":"w"}"#])
            #expect(malformed.description == #"Bad Request: can't find field "message_text""#)
            let answered = try await client.bot(w.bot, "answerWebAppQuery", ["web_app_query_id": issued.queryID, "result": result])
            #expect(answered.ok, "\(answered.body)")
            let inlineID = try #require(answered.resultObject["inline_message_id"] as? String)
            let message = try await client.nextUpdate("message", bot: w.bot)
            #expect(message["text"] as? String == "Order placed" && (message["via_bot"] as? [String: Any])?["id"] as? Int == w.botID)
            #expect((message["from"] as? [String: Any])?["id"] as? Int == w.aliceID)
            let twice = try await client.bot(w.bot, "answerWebAppQuery", ["web_app_query_id": issued.queryID, "result": result])
            #expect(twice.description == Self.tooOld)
            let edited = try await client.bot(w.bot, "editMessageText", ["inline_message_id": inlineID, "text": "Order shipped"])
            #expect(edited.body == #"{"ok":true,"result":true}"#, "\(edited.body)")

            // A prepared message: for one user, to the kinds of chats the bot allows, until it expires.
            let noKinds = try await client.bot(w.bot, "savePreparedInlineMessage", ["user_id": "\(w.aliceID)", "result": result])
            #expect(noKinds.description == "Bad Request: PEER_TYPES_INVALID")
            let prepared = try await client.bot(w.bot, "savePreparedInlineMessage", [
                "user_id": "\(w.aliceID)", "result": result, "allow_user_chats": "true",
            ])
            #expect(prepared.ok, "\(prepared.body)")
            let preparedID = try #require(prepared.resultObject["id"] as? String)
            #expect(prepared.resultObject["expiration_date"] as? Int == Int(world.clock.now()) + 86400)
            let toBob = try await client.user(w.alice, "sendPreparedInlineMessage", ["chat_id": "\(w.bobID)", "prepared_message_id": preparedID])
            #expect(toBob.ok && toBob.resultObject["text"] as? String == "Order placed", "\(toBob.body)")
            let toBot = try await client.user(w.alice, "sendPreparedInlineMessage", ["chat_id": "\(w.botID)", "prepared_message_id": preparedID])
            #expect(toBot.description == "Bad Request: the prepared message can't be sent to this kind of chat")
            let byBob = try await client.user(w.bob, "sendPreparedInlineMessage", ["chat_id": "\(w.aliceID)", "prepared_message_id": preparedID])
            #expect(byBob.description == "Bad Request: prepared message not found or expired")
            world.clock.advance(by: 86401)
            let expired = try await client.user(w.alice, "sendPreparedInlineMessage", ["chat_id": "\(w.bobID)", "prepared_message_id": preparedID])
            #expect(expired.description == "Bad Request: prepared message not found or expired")

            // A prepared keyboard button must ask for users, a chat or a managed bot.
            let plainButton = try await client.bot(w.bot, "savePreparedKeyboardButton", ["user_id": "\(w.aliceID)", "button": #"{"text":"Pick"}"#])
            #expect(plainButton.description == "Bad Request: BUTTON_TYPE_INVALID")
            let notButton = try await client.bot(w.bot, "savePreparedKeyboardButton", ["user_id": "\(w.aliceID)", "button": "[1]"])
            #expect(notButton.description == "Bad Request: can't parse keyboard button: KeyboardButton must be a String or an Object")
            let noUser = try await client.bot(w.bot, "savePreparedKeyboardButton", ["button": #"{"text":"Pick"}"#])
            #expect(noUser.description == "Bad Request: invalid user_id specified")
            let request = try await client.bot(w.bot, "savePreparedKeyboardButton", [
                "user_id": "\(w.aliceID)", "button": #"{"text":"Pick","request_users":{"request_id":7}}"#,
            ])
            #expect(request.ok && (request.resultObject["id"] as? String)?.isEmpty == false, "\(request.body)")
        }
    }
}
