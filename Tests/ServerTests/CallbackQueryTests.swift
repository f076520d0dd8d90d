import Foundation
import Testing

/// Pressing callback buttons from the user surface, and the bot's answers (USER-API.md,
/// behaviour.md §2.12).
@Suite struct CallbackQueryTests {
    static let keyboard = #"{"inline_keyboard":[[{"text":"Yes","callback_data":"vote:yes"},{"text":"Web","url":"https://example.com"}]]}"#

    /// The bot's message with the keyboard, as (message id, chat id the user uses).
    private func sendKeyboard(_ client: Client, _ pair: ChatPair) async throws -> Int {
        let sent = try await client.botSends(pair, Self.keyboard, text: "Vote?")
        try #require(sent.ok, "\(sent.body)")
        _ = try await client.drainUpdates(user: pair.user)
        return sent.resultObject["message_id"] as? Int ?? 0
    }

    /// The user presses the button carrying `data` under the bot's message `messageID`.
    private func press(_ client: Client, _ pair: ChatPair, _ messageID: Int, _ data: String = "vote:yes", timeout: String? = nil) async throws -> Answer {
        var parameters = ["chat_id": "\(pair.botID)", "message_id": "\(messageID)", "data": data]
        parameters["timeout"] = timeout
        return try await client.user(pair.user, "sendCallbackQuery", parameters)
    }

    /// Waits (bounded) for the bot's next callback_query update.
    private func nextCallbackQuery(_ client: Client, bot: String) async throws -> [String: Any] {
        let updates = try await client.bot(bot, "getUpdates", ["timeout": "5", "allowed_updates": #"["callback_query","message"]"#]).resultArray
        let update = try #require(updates.first(where: { $0["callback_query"] != nil }), "no callback_query")
        _ = try await client.bot(bot, "getUpdates", ["offset": "\((update["update_id"] as? Int ?? 0) + 1)"])
        return update["callback_query"] as? [String: Any] ?? [:]
    }

    @Test func fullRoundTrip() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let messageID = try await sendKeyboard(client, pair)
            async let pressed = press(client, pair, messageID)
            let query = try await nextCallbackQuery(client, bot: pair.bot)
            let queryID = try #require(query["id"] as? String)
            #expect(UInt64(queryID) != nil)
            #expect(query["data"] as? String == "vote:yes")
            #expect((query["from"] as? [String: Any])?["id"] as? Int == pair.userID)
            let message = query["message"] as? [String: Any] ?? [:]
            #expect(message["message_id"] as? Int == messageID && message["text"] as? String == "Vote?")
            #expect((message["chat"] as? [String: Any])?["id"] as? Int == pair.userID)
            let chatInstance = try #require(query["chat_instance"] as? String)
            #expect(Int64(chatInstance) != nil)

            let answered = try await client.bot(pair.bot, "answerCallbackQuery", [
                "callback_query_id": queryID, "text": "Thanks!", "show_alert": "true", "cache_time": "99999999",
            ])
            #expect(answered.ok && answered.result as? Bool == true)
            let answer = try await pressed
            #expect(answer.ok, "\(answer.body)")
            #expect(answer.body == #"{"ok":true,"result":{"text":"Thanks!","show_alert":true,"cache_time":2592000}}"#)

            // A repeated answer is refused, and so is any unknown id.
            let again = try await client.bot(pair.bot, "answerCallbackQuery", ["callback_query_id": queryID])
            #expect(again.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")
            let missing = try await client.bot(pair.bot, "answerCallbackQuery")
            #expect(missing.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")

            // The same chat gives the same chat_instance.
            async let second = press(client, pair, messageID)
            let secondQuery = try await nextCallbackQuery(client, bot: pair.bot)
            #expect(secondQuery["chat_instance"] as? String == chatInstance && secondQuery["id"] as? String != queryID)
            #expect(try await client.bot(pair.bot, "answerCallbackQuery", ["callback_query_id": secondQuery["id"] as? String ?? ""]).ok)
            let plain = try await second
            #expect(plain.body == #"{"ok":true,"result":{"show_alert":false,"cache_time":0}}"#)
        }
    }

    @Test func unansweredQueriesTimeOutAndLateAnswersAreRefused() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let messageID = try await sendKeyboard(client, pair)
            let timedOut = try await press(client, pair, messageID, timeout: "0.05")
            #expect(timedOut.status == 400 && timedOut.description == "Bad Request: BOT_RESPONSE_TIMEOUT")
            let query = try await nextCallbackQuery(client, bot: pair.bot)
            let late = try await client.bot(pair.bot, "answerCallbackQuery", ["callback_query_id": query["id"] as? String ?? ""])
            #expect(late.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")
        }
    }

    @Test func onlyDataOfThatMessagesButtonsCanBePressed() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let messageID = try await sendKeyboard(client, pair)
            let wrongData = try await press(client, pair, messageID, "vote:no")
            #expect(wrongData.status == 400 && wrongData.description == "Bad Request: DATA_INVALID")
            let noMessage = try await press(client, pair, 999)
            #expect(noMessage.description == "Bad Request: MESSAGE_ID_INVALID")
            // Bots can't press buttons.
            let byBot = try await client.bot(pair.bot, "sendCallbackQuery", ["chat_id": "\(pair.userID)", "message_id": "\(messageID)"])
            #expect(byBot.status == 404)
            // Nothing reached the bot.
            #expect(try await client.drainUpdates(bot: pair.bot).isEmpty)
        }
    }

    @Test func answerTextAndURLAreLimited() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let messageID = try await sendKeyboard(client, pair)
            async let pressed = press(client, pair, messageID)
            let query = try await nextCallbackQuery(client, bot: pair.bot)
            let id = query["id"] as? String ?? ""
            let tooLong = try await client.bot(pair.bot, "answerCallbackQuery", ["callback_query_id": id, "text": String(repeating: "é", count: 201)])
            #expect(tooLong.description == "Bad Request: MESSAGE_TOO_LONG")
            // The refused answer did not use the query up.
            let elsewhere = try await client.bot(pair.bot, "answerCallbackQuery", ["callback_query_id": id, "url": "https://example.com"])
            #expect(elsewhere.description == "Bad Request: URL_INVALID")
            #expect(try await client.bot(pair.bot, "answerCallbackQuery", ["callback_query_id": id, "url": "https://t.me/Echo_Bot?start=x"]).ok)
            let answer = try await pressed
            #expect((answer.resultObject["url"] as? String) == "https://t.me/Echo_Bot?start=x")
        }
    }
}
