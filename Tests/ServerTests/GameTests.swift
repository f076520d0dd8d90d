import Foundation
import Testing

/// Games: the admin's createGame, sendGame, the game button's callback query, setGameScore
/// and getGameHighScores (issue 11, item 4).
@Suite struct GameTests {
    /// A game for the bot; returns the createGame answer.
    @discardableResult
    func createGame(_ client: Client, botID: Int, shortName: String = "tetris", title: String = "Tetris") async throws -> Answer {
        try await client.admin("createGame", [
            "bot_id": "\(botID)", "short_name": shortName, "title": title, "description": "Falling blocks",
        ])
    }

    /// The bot sends its game to `chatID`; returns the message id.
    func sendGame(_ client: Client, bot: String, chatID: Int) async throws -> Int {
        let sent = try await client.bot(bot, "sendGame", ["chat_id": "\(chatID)", "game_short_name": "tetris"])
        try #require(sent.ok, "\(sent.body)")
        return sent.resultObject["message_id"] as? Int ?? 0
    }

    @Test func createGameMakesUniqueGamesPerBot() async throws {
        try await TestWorld().run { client in
            let (_, botID) = try await client.createBot()
            let created = try await createGame(client, botID: botID)
            #expect(created.body == #"{"ok":true,"result":{"title":"Tetris","description":"Falling blocks","photo":[]}}"#)
            #expect(try await createGame(client, botID: botID).description == "Bad Request: SHORT_NAME_OCCUPIED")
            #expect(try await createGame(client, botID: botID, shortName: "bad name").description == "Bad Request: SHORT_NAME_INVALID")
            #expect(try await createGame(client, botID: 424242).description == "Bad Request: bot not found")
            // Another bot may use the same short name.
            let (_, otherID) = try await client.createBot("other_bot", name: "Other")
            #expect(try await createGame(client, botID: otherID).ok)
        }
    }

    @Test func aGamePhotoReachesThePlayers() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let fields = ["bot_id": "\(pair.botID)", "short_name": "snake", "title": "Snake", "description": "Eat apples"]
            let notImage = try await client.upload(
                "admin\(TestWorld.adminToken)", "createGame", fields, files: [("photo", "a.txt", "text/plain", Array("hello".utf8))])
            #expect(notImage.description == "Bad Request: IMAGE_PROCESS_FAILED")
            let created = try await client.upload(
                "admin\(TestWorld.adminToken)", "createGame", fields,
                files: [("photo", "snake.png", "image/png", FileTests.png(width: 64, height: 36))])
            #expect(created.ok, "\(created.body)")
            let photo = try #require((created.resultObject["photo"] as? [[String: Any]])?.first)
            #expect(photo["width"] as? Int == 64 && photo["height"] as? Int == 36)

            let sent = try await client.bot(pair.bot, "sendGame", ["chat_id": "\(pair.userID)", "game_short_name": "snake"])
            #expect(sent.ok, "\(sent.body)")
            let received = try await client.drainUpdates(user: pair.user)
            let game = try #require((received.last?["message"] as? [String: Any])?["game"] as? [String: Any])
            let fileID = try #require((game["photo"] as? [[String: Any]])?.first?["file_id"] as? String)
            // The player was given the photo with the message, so its file_id works for them.
            #expect(try await client.user(pair.user, "getFile", ["file_id": fileID]).ok)
        }
    }

    @Test func sendGameShowsTheGameWithAPlayButton() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let missing = try await client.bot(pair.bot, "sendGame", ["chat_id": "\(pair.userID)"])
            #expect(missing.description == "Bad Request: parameter \"game_short_name\" is required")
            let unknown = try await client.bot(pair.bot, "sendGame", ["chat_id": "\(pair.userID)", "game_short_name": "tetris"])
            #expect(unknown.status == 400 && unknown.description == "Bad Request: wrong game short name specified")

            try await createGame(client, botID: pair.botID)
            let sent = try await client.bot(pair.bot, "sendGame", ["chat_id": "\(pair.userID)", "game_short_name": "tetris"])
            #expect(sent.ok, "\(sent.body)")
            let game = sent.resultObject["game"] as? [String: Any] ?? [:]
            #expect(game["title"] as? String == "Tetris" && game["description"] as? String == "Falling blocks")
            let markup = sent.resultObject["reply_markup"] as? [String: Any]
            let button = ((markup?["inline_keyboard"] as? [[[String: Any]]])?.first?.first) ?? [:]
            #expect(button["text"] as? String == "Play Tetris" && (button["callback_game"] as? [String: Any])?.isEmpty == true)
            let received = try await client.drainUpdates(user: pair.user)
            #expect((received.last?["message"] as? [String: Any])?["game"] != nil)

            // The bot's own keyboard must start with a game button.
            let noGame = #"{"inline_keyboard":[[{"text":"Help","callback_data":"help"}]]}"#
            let refused = try await client.bot(pair.bot, "sendGame", ["chat_id": "\(pair.userID)", "game_short_name": "tetris", "reply_markup": noGame])
            #expect(refused.description == "Bad Request: REPLY_MARKUP_GAME_EMPTY")
            let second = #"{"inline_keyboard":[[{"text":"Help","callback_data":"help"},{"text":"Go","callback_game":{}}]]}"#
            let misplaced = try await client.bot(pair.bot, "sendGame", ["chat_id": "\(pair.userID)", "game_short_name": "tetris", "reply_markup": second])
            #expect(misplaced.description == "Bad Request: BUTTON_POS_INVALID")
            let first = #"{"inline_keyboard":[[{"text":"Go","callback_game":{}}],[{"text":"Help","callback_data":"help"}]]}"#
            let custom = try await client.bot(pair.bot, "sendGame", ["chat_id": "\(pair.userID)", "game_short_name": "tetris", "reply_markup": first])
            #expect(custom.ok && custom.body.contains(#""text":"Go","callback_game":{}"#))
        }
    }

    @Test func theGameButtonAsksTheBotForTheGameURL() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            try await createGame(client, botID: pair.botID)
            let messageID = try await sendGame(client, bot: pair.bot, chatID: pair.userID)
            async let pressed = client.user(pair.user, "sendCallbackQuery", ["chat_id": "\(pair.botID)", "message_id": "\(messageID)"])
            var query: [String: Any] = [:]
            for _ in 0..<20 where query.isEmpty {
                let updates = try await client.bot(pair.bot, "getUpdates", ["timeout": "1", "allowed_updates": #"["callback_query"]"#]).resultArray
                query = updates.compactMap { $0["callback_query"] as? [String: Any] }.first ?? [:]
            }
            #expect(query["game_short_name"] as? String == "tetris" && query["data"] == nil)
            #expect((query["message"] as? [String: Any])?["message_id"] as? Int == messageID)
            let answered = try await client.bot(pair.bot, "answerCallbackQuery", [
                "callback_query_id": query["id"] as? String ?? "", "url": "https://example.com/tetris?u=1",
            ])
            #expect(answered.ok, "\(answered.body)")
            let answer = try await pressed
            #expect(answer.body == #"{"ok":true,"result":{"show_alert":false,"url":"https://example.com/tetris?u=1","cache_time":0}}"#)

            // A message without a game button has nothing to press without data.
            let plain = try await client.botSends(pair, #"{"inline_keyboard":[[{"text":"A","callback_data":"a"}]]}"#)
            let noGame = try await client.user(pair.user, "sendCallbackQuery", [
                "chat_id": "\(pair.botID)", "message_id": "\(plain.resultObject["message_id"] as? Int ?? 0)",
            ])
            #expect(noGame.description == "Bad Request: DATA_INVALID")
        }
    }

    @Test func setGameScoreKeepsTheBestAndEditsTheMessage() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            try await createGame(client, botID: pair.botID)
            let messageID = try await sendGame(client, bot: pair.bot, chatID: pair.userID)
            _ = try await client.drainUpdates(user: pair.user)
            func set(_ score: String, _ extra: [String: String] = [:]) async throws -> Answer {
                var parameters = ["user_id": "\(pair.userID)", "score": score, "chat_id": "\(pair.userID)", "message_id": "\(messageID)"]
                parameters.merge(extra) { $1 }
                return try await client.bot(pair.bot, "setGameScore", parameters)
            }

            let first = try await set("50")
            #expect(first.ok, "\(first.body)")
            #expect((first.resultObject["game"] as? [String: Any])?["text"] as? String == "1. Alice — 50")
            #expect(first.resultObject["edit_date"] != nil)
            let edited = try await client.drainUpdates(user: pair.user)
            #expect(((edited.last?["edited_message"] as? [String: Any])?["game"] as? [String: Any])?["text"] as? String == "1. Alice — 50")

            let lower = try await set("40")
            #expect(lower.status == 400 && lower.description == "Bad Request: BOT_SCORE_NOT_MODIFIED")
            #expect(try await set("50").description == "Bad Request: BOT_SCORE_NOT_MODIFIED")
            let forced = try await set("40", ["force": "true", "disable_edit_message": "true"])
            #expect(forced.ok && (forced.resultObject["game"] as? [String: Any])?["text"] as? String == "1. Alice — 50")
            let scores = try await client.bot(pair.bot, "getGameHighScores", [
                "user_id": "\(pair.userID)", "chat_id": "\(pair.userID)", "message_id": "\(messageID)",
            ])
            #expect(scores.resultArray.map { $0["score"] as? Int } == [40])
            // A forced zero takes the player off the table.
            #expect(try await set("0", ["force": "true"]).ok)
            let emptied = try await client.bot(pair.bot, "getGameHighScores", [
                "user_id": "\(pair.userID)", "chat_id": "\(pair.userID)", "message_id": "\(messageID)",
            ])
            #expect(emptied.ok && emptied.resultArray.isEmpty, "\(emptied.body)")

            #expect(try await set("-1").description == "Bad Request: SCORE_INVALID")
            let noUser = try await client.bot(pair.bot, "setGameScore", ["score": "1", "chat_id": "\(pair.userID)", "message_id": "\(messageID)"])
            #expect(noUser.description == "Bad Request: invalid user_id specified")
            let noMessage = try await client.bot(pair.bot, "setGameScore", ["user_id": "\(pair.userID)", "score": "1"])
            #expect(noMessage.description == "Bad Request: message identifier is not specified")
            let gone = try await set("60", ["message_id": "999"])
            #expect(gone.description == "Bad Request: message to set game score not found")
            let text = try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(pair.userID)", "text": "hi"])
            let notGame = try await set("60", ["message_id": "\(text.resultObject["message_id"] as? Int ?? 0)"])
            #expect(notGame.description == "Bad Request: MESSAGE_ID_INVALID")
        }
    }

    @Test func highScoresShowTheNeighbourhoodAndTheTopThree() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            try await createGame(client, botID: botID)
            var players: [(token: String, id: Int)] = []
            for index in 0..<9 { players.append(try await client.createUser("Player\(index)")) }
            let created = try await client.user(players[0].token, "createChat", [
                "type": "supergroup", "title": "Arcade", "member_ids": "\([botID] + players.dropFirst().map(\.id))",
            ])
            let groupID = try #require(created.resultObject["id"] as? Int, "\(created.body)")
            let messageID = try await sendGame(client, bot: bot, chatID: groupID)
            // Player i scores 100 - 10 i: positions follow the index.
            for (index, player) in players.enumerated() {
                let set = try await client.bot(bot, "setGameScore", [
                    "user_id": "\(player.id)", "score": "\(100 - 10 * index)", "chat_id": "\(groupID)", "message_id": "\(messageID)",
                ])
                #expect(set.ok, "\(set.body)")
            }
            func positions(_ userID: Int) async throws -> [Int] {
                let answer = try await client.bot(bot, "getGameHighScores", [
                    "user_id": "\(userID)", "chat_id": "\(groupID)", "message_id": "\(messageID)",
                ])
                #expect(answer.ok, "\(answer.body)")
                for entry in answer.resultArray {
                    let position = entry["position"] as? Int ?? 0
                    #expect(entry["score"] as? Int == 110 - 10 * position)
                    #expect((entry["user"] as? [String: Any])?["id"] as? Int == players[position - 1].id)
                }
                return answer.resultArray.compactMap { $0["position"] as? Int }
            }
            #expect(try await positions(players[6].id) == [1, 2, 3, 5, 6, 7, 8, 9])
            #expect(try await positions(players[0].id) == [1, 2, 3])
            #expect(try await positions(players[3].id) == [1, 2, 3, 4, 5, 6])
            let (_, strangerID) = try await client.createUser("Stranger")
            let stranger = try await client.bot(bot, "getGameHighScores", [
                "user_id": "\(strangerID)", "chat_id": "\(groupID)", "message_id": "\(messageID)",
            ])
            #expect(stranger.description == "Bad Request: user not found")
            let missing = try await client.bot(bot, "getGameHighScores", ["user_id": "\(players[0].id)", "chat_id": "\(groupID)", "message_id": "77"])
            #expect(missing.description == "Bad Request: message to get game high scores not found")
        }
    }

    static let gameResult = #"{"type":"game","id":"g","game_short_name":"tetris"}"#

    @Test func inlineGameResultsSendTheBotsGameAndScoreByInlineMessageID() async throws {
        try await TestWorld().run { client in
            let w = try await client.inlineWorld()
            // Answers are checked when the bot gives them: the game must be one of the bot's,
            // and the result's own keyboard must start it.
            func answer(_ results: String) async throws -> Answer {
                try await client.bot(w.bot, "answerInlineQuery", ["inline_query_id": "12345", "results": results])
            }
            let unknown = try await answer("[\(Self.gameResult)]")
            #expect(unknown.status == 400 && unknown.description == "Bad Request: MEDIA_EMPTY")
            try await createGame(client, botID: w.botID)
            let noPlay = #"{"type":"game","id":"g","game_short_name":"tetris","reply_markup":{"inline_keyboard":[[{"text":"Help","callback_data":"h"}]]}}"#
            #expect(try await answer("[\(noPlay)]").description == "Bad Request: REPLY_MARKUP_GAME_EMPTY")
            #expect(try await answer("[\(Self.gameResult)]").description == InlineModeTests.tooOld)

            let article = InlineModeTests.article("a", "Not a game", keyboard: true)
            let queryID = try await client.answeredInlineQuery(w, query: "play", results: "[\(Self.gameResult),\(article)]")
            let sent = try await client.user(w.alice, "sendInlineResult", ["chat_id": "\(w.bobID)", "query_id": queryID, "result_id": "g"])
            #expect(sent.ok, "\(sent.body)")
            let message = sent.resultObject
            let messageID = try #require(message["message_id"] as? Int)
            #expect((message["from"] as? [String: Any])?["id"] as? Int == w.aliceID)
            #expect((message["via_bot"] as? [String: Any])?["id"] as? Int == w.botID)
            #expect((message["game"] as? [String: Any])?["title"] as? String == "Tetris")
            let button = ((message["reply_markup"] as? [String: Any])?["inline_keyboard"] as? [[[String: Any]]])?.first?.first ?? [:]
            #expect(button["text"] as? String == "Play Tetris" && (button["callback_game"] as? [String: Any])?.isEmpty == true)
            let received = try await client.drainUpdates(user: w.bob).last?["message"] as? [String: Any]
            #expect((received?["game"] as? [String: Any])?["description"] as? String == "Falling blocks")
            #expect((received?["via_bot"] as? [String: Any])?["id"] as? Int == w.botID)
            let chosen = try await client.nextUpdate("chosen_inline_result", bot: w.bot)
            #expect(chosen["result_id"] as? String == "g")
            let inlineID = try #require(chosen["inline_message_id"] as? String)

            // Bob presses Play: the bot's query names the inline message and the game, not the chat.
            async let pressed = client.user(w.bob, "sendCallbackQuery", ["chat_id": "\(w.aliceID)", "message_id": "\(messageID)"])
            let press = try await client.nextUpdate("callback_query", bot: w.bot)
            #expect(press["inline_message_id"] as? String == inlineID && press["game_short_name"] as? String == "tetris")
            #expect(press["message"] == nil && press["data"] == nil && (press["from"] as? [String: Any])?["id"] as? Int == w.bobID)
            let opened = try await client.bot(w.bot, "answerCallbackQuery", [
                "callback_query_id": press["id"] as? String ?? "", "url": "https://example.com/tetris?u=bob",
            ])
            #expect(opened.ok, "\(opened.body)")
            #expect(try await pressed.resultObject["url"] as? String == "https://example.com/tetris?u=bob")

            // The bot sets Bob's score by the inline message id: True, and both people see the board.
            func set(_ userID: Int, _ score: Int, _ extra: [String: String] = [:]) async throws -> Answer {
                try await client.bot(w.bot, "setGameScore", [
                    "user_id": "\(userID)", "score": "\(score)", "inline_message_id": inlineID,
                ].merging(extra) { $1 })
            }
            let scored = try await set(w.bobID, 42)
            #expect(scored.body == #"{"ok":true,"result":true}"#, "\(scored.body)")
            for person in [w.alice, w.bob] {
                let edit = try await client.drainUpdates(user: person).last?["edited_message"] as? [String: Any]
                #expect(edit?["message_id"] as? Int == messageID)
                #expect((edit?["game"] as? [String: Any])?["text"] as? String == "1. Bob — 42")
            }
            #expect(try await set(w.bobID, 40).description == "Bad Request: BOT_SCORE_NOT_MODIFIED")
            #expect(try await set(w.aliceID, 50, ["disable_edit_message": "true"]).body == #"{"ok":true,"result":true}"#)
            #expect(try await client.drainUpdates(user: w.bob).isEmpty)
            let scores = try await client.bot(w.bot, "getGameHighScores", ["user_id": "\(w.bobID)", "inline_message_id": inlineID])
            #expect(scores.ok, "\(scores.body)")
            #expect(scores.resultArray.map { $0["position"] as? Int } == [1, 2])
            #expect(scores.resultArray.map { ($0["user"] as? [String: Any])?["id"] as? Int } == [w.aliceID, w.bobID])
            #expect(scores.resultArray.map { $0["score"] as? Int } == [50, 42])

            // Wrong ids answer as the official server does.
            #expect(try await set(w.bobID, 60, ["inline_message_id": ""]).description == "Bad Request: message identifier is not specified")
            let bogus = try await client.bot(w.bot, "getGameHighScores", ["user_id": "\(w.bobID)", "inline_message_id": "AAAAbogus"])
            #expect(bogus.description == "Bad Request: invalid inline message identifier specified")
            let (other, otherID) = try await client.createBot("other_bot", name: "Other")
            try await createGame(client, botID: otherID)
            let foreign = try await client.bot(other, "setGameScore", ["user_id": "\(w.bobID)", "score": "1", "inline_message_id": inlineID])
            #expect(foreign.description == "Bad Request: invalid inline message identifier specified")
            #expect(try await set(w.botID, 60).description == "Bad Request: USER_BOT_INVALID")
            let (_, strangerID) = try await client.createUser("Stranger")
            #expect(try await set(strangerID, 60).description == "Bad Request: user not found")
            // A message via the bot that is not a game has no scores.
            #expect(try await client.user(w.alice, "sendInlineResult", ["chat_id": "\(w.bobID)", "query_id": queryID, "result_id": "a"]).ok)
            let articleID = try #require(try await client.nextUpdate("chosen_inline_result", bot: w.bot)["inline_message_id"] as? String)
            #expect(try await set(w.bobID, 60, ["inline_message_id": articleID]).description == "Bad Request: MESSAGE_ID_INVALID")
        }
    }

    @Test func inlineGamesKeepTheirChatsTable() async throws {
        try await TestWorld().run { client in
            let w = try await client.inlineWorld(feedback: false)
            try await createGame(client, botID: w.botID)
            let created = try await client.user(w.alice, "createChat", [
                "type": "supergroup", "title": "Arcade", "member_ids": "[\(w.bobID),\(w.botID)]",
            ])
            let groupID = try #require(created.resultObject["id"] as? Int, "\(created.body)")
            // The bot's own game message in the group puts Bob on the group's table.
            let ownID = try await sendGame(client, bot: w.bot, chatID: groupID)
            let own = try await client.bot(w.bot, "setGameScore", [
                "user_id": "\(w.bobID)", "score": "70", "chat_id": "\(groupID)", "message_id": "\(ownID)",
            ])
            #expect(own.ok, "\(own.body)")
            _ = try await client.drainUpdates(bot: w.bot)

            // Alice sends the game into the group via the bot; its scores are the group's.
            let queryID = try await client.answeredInlineQuery(w, results: "[\(Self.gameResult)]")
            let sent = try await client.user(w.alice, "sendInlineResult", ["chat_id": "\(groupID)", "query_id": queryID, "result_id": "g"])
            let messageID = try #require(sent.resultObject["message_id"] as? Int, "\(sent.body)")
            // Without feedback the bot learns the inline id from a press on the game button.
            async let pressed = client.user(w.bob, "sendCallbackQuery", ["chat_id": "\(groupID)", "message_id": "\(messageID)"])
            let press = try await client.nextUpdate("callback_query", bot: w.bot)
            let inlineID = try #require(press["inline_message_id"] as? String)
            #expect(press["game_short_name"] as? String == "tetris")
            #expect(try await client.bot(w.bot, "answerCallbackQuery", ["callback_query_id": press["id"] as? String ?? ""]).ok)
            _ = try await pressed
            let scores = try await client.bot(w.bot, "getGameHighScores", ["user_id": "\(w.aliceID)", "inline_message_id": inlineID])
            #expect(scores.resultArray.map { $0["score"] as? Int } == [70], "\(scores.body)")

            // Games don't go to channels, via a bot or not.
            let channel = try await client.user(w.alice, "createChat", ["type": "channel", "title": "News"])
            let channelID = try #require(channel.resultObject["id"] as? Int, "\(channel.body)")
            let refused = try await client.user(w.alice, "sendInlineResult", ["chat_id": "\(channelID)", "query_id": queryID, "result_id": "g"])
            #expect(refused.description == "Bad Request: games can't be sent to channel chats")
        }
    }
}
