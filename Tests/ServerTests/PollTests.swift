import Foundation
import Testing

/// Polls: sendPoll's checks, answers from the user surface, the updates bots get, quizzes,
/// stopPoll and persistence (issue 4, items 3 and 6).
@Suite struct PollTests {
    static func poll(_ answer: Answer) -> [String: Any] { answer.resultObject["poll"] as? [String: Any] ?? [:] }

    static func counts(_ poll: [String: Any]) -> [Int] {
        (poll["options"] as? [[String: Any]] ?? []).map { $0["voter_count"] as? Int ?? -1 }
    }

    @Test func sendPollChecksItsParameters() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            func send(_ extra: [String: String]) async throws -> Answer {
                var parameters = ["chat_id": "\(pair.userID)", "question": "Best color?", "options": #"["red","blue"]"#]
                parameters.merge(extra) { $1 }
                return try await client.bot(pair.bot, "sendPoll", parameters)
            }
            let cases: [([String: String], String)] = [
                (["type": "survey"], "Bad Request: unsupported poll type specified"),
                (["options": "[]"], "Bad Request: poll must have at least one answer option"),
                (["options": "{"], "Bad Request: can't parse options JSON object"),
                (["options": #"{"a":1}"#], "Bad Request: expected an Array of String as options"),
                (["options": "[1,2]"], "Bad Request: expected an option to be of type String"),
                (["options": "[" + (1...13).map { "\"o\($0)\"" }.joined(separator: ",") + "]"], "Bad Request: poll can't have more than 12 options"),
                (["options": #"["ok", "  "]"#], "Bad Request: poll option must be non-empty"),
                (["options": "[\"\(String(repeating: "x", count: 101))\"]"], "Bad Request: poll options length must not exceed 100"),
                (["question": String(repeating: "q", count: 301)], "Bad Request: poll question length must not exceed 300"),
                (["type": "quiz"], "Bad Request: invalid correct option identifier specified"),
                (["type": "quiz", "correct_option_id": "2"], "Bad Request: invalid correct option identifier specified"),
                (["type": "quiz", "correct_option_ids": "[\"x\"]"], "Bad Request: correct option identifier must be of type Number"),
                (["type": "quiz", "correct_option_ids": "5"], "Bad Request: expected an Array of correct option identifiers"),
            ]
            for (extra, description) in cases {
                let answer = try await send(extra)
                #expect(answer.status == 400 && answer.description == description, "\(extra): \(answer.body)")
            }
            let noChat = try await client.bot(pair.bot, "sendPoll", ["question": "q", "options": #"["a"]"#])
            #expect(noChat.description == "Bad Request: chat_id is empty")
        }
    }

    @Test func pollsAreAnonymousRegularAndSingleAnswerByDefault() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendPoll", [
                "chat_id": "\(pair.userID)", "question": "Lunch?",
                "options": #"[{"text": "Pizza"}, "Salad"]"#, "open_period": "600",
            ])
            #expect(sent.ok, "\(sent.body)")
            let poll = Self.poll(sent)
            #expect((poll["id"] as? String)?.isEmpty == false)
            #expect(poll["is_anonymous"] as? Bool == true && poll["type"] as? String == "regular")
            #expect(poll["allows_multiple_answers"] as? Bool == false && poll["is_closed"] as? Bool == false)
            #expect(poll["allows_revoting"] as? Bool == true)
            #expect(poll["total_voter_count"] as? Int == 0 && Self.counts(poll) == [0, 0])
            #expect((poll["options"] as? [[String: Any]])?.map { $0["text"] as? String } == ["Pizza", "Salad"])
            #expect(poll["open_period"] as? Int == 600 && poll["close_date"] as? Int == (sent.resultObject["date"] as? Int ?? 0) + 600)
            let other = try await client.bot(pair.bot, "sendPoll", ["chat_id": "\(pair.userID)", "question": "Again?", "options": #"["y","n"]"#])
            #expect(Self.poll(other)["id"] as? String != poll["id"] as? String)
            let received = try await client.drainUpdates(user: pair.user).compactMap { $0["message"] as? [String: Any] }
            #expect((received.first?["poll"] as? [String: Any])?["question"] as? String == "Lunch?")
        }
    }

    @Test func twoUsersAnswerANonAnonymousPollAndCountsPersist() async throws {
        let world = try TestWorld()
        let (bot, botID, alice, bob, aliceID, bobID, aliceMessage, bobMessage, pollID) = try await world.run { client in
            let pair = try await client.chatPair()
            let (bob, bobID) = try await client.createUser("Bob")
            #expect(try await client.user(bob, "sendMessage", ["chat_id": "\(pair.botID)", "text": "hi"]).ok)
            var messageIDs: [Int] = []
            var pollID = ""
            for userID in [pair.userID, bobID] {
                let sent = try await client.bot(pair.bot, "sendPoll", [
                    "chat_id": "\(userID)", "question": "Tea or coffee?", "options": #"["Tea","Coffee","Water"]"#,
                    "is_anonymous": "false", "allows_multiple_answers": "true",
                ])
                messageIDs.append(sent.resultObject["message_id"] as? Int ?? 0)
                pollID = Self.poll(sent)["id"] as? String ?? ""
            }
            _ = try await client.drainUpdates(bot: pair.bot)
            _ = try await client.drainUpdates(user: pair.user)
            return (pair.bot, pair.botID, pair.user, bob, pair.userID, bobID, messageIDs[0], messageIDs[1], pollID)
        }
        try await world.restarted().run { client in
            let first = try await client.user(alice, "sendPollAnswer", ["chat_id": "\(botID)", "message_id": "\(aliceMessage)", "option_ids": "[0, 2]"])
            #expect(first.ok && first.result as? Bool == true, "\(first.body)")
            let second = try await client.user(bob, "sendPollAnswer", ["chat_id": "\(botID)", "message_id": "\(bobMessage)", "option_ids": "[1]"])
            #expect(second.ok, "\(second.body)")

            let updates = try await client.drainUpdates(bot: bot)
            let answers = updates.compactMap { $0["poll_answer"] as? [String: Any] }
            #expect(answers.count == 2)
            #expect(answers.map { ($0["user"] as? [String: Any])?["id"] as? Int } == [aliceID, bobID])
            #expect(answers.map { $0["option_ids"] as? [Int] } == [[0, 2], [1]])
            #expect(answers.first?["option_persistent_ids"] as? [String] == ["0", "2"])
            let polls = updates.compactMap { $0["poll"] as? [String: Any] }
            #expect(polls.count == 2 && Self.counts(polls[0]) == [1, 0, 1] && polls[0]["total_voter_count"] as? Int == 1)
            #expect(polls.last?["id"] as? String == pollID)
            // A user's own answer does not come back to them.
            #expect(try await client.drainUpdates(user: alice).isEmpty)
        }
        try await world.restarted().run { client in
            let stopped = try await client.bot(bot, "stopPoll", ["chat_id": "\(aliceID)", "message_id": "\(aliceMessage)"])
            #expect(stopped.ok && stopped.resultObject["is_closed"] as? Bool == true, "\(stopped.body)")
            #expect(Self.counts(stopped.resultObject) == [1, 0, 1])
            let late = try await client.user(alice, "sendPollAnswer", ["chat_id": "\(botID)", "message_id": "\(aliceMessage)", "option_ids": "[1]"])
            #expect(late.description == "Bad Request: can't answer closed poll")
            let seen = try await client.drainUpdates(user: alice).compactMap { $0["poll"] as? [String: Any] }
            #expect(seen.first?["is_closed"] as? Bool == true)
        }
    }

    @Test func answersFollowThePollsRules() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            func poll(_ extra: [String: String]) async throws -> Int {
                var parameters = ["chat_id": "\(pair.userID)", "question": "Q?", "options": #"["a","b","c"]"#, "is_anonymous": "false"]
                parameters.merge(extra) { $1 }
                return try await client.bot(pair.bot, "sendPoll", parameters).resultObject["message_id"] as? Int ?? 0
            }
            func answer(_ messageID: Int, _ options: String?) async throws -> Answer {
                var parameters = ["chat_id": "\(pair.botID)", "message_id": "\(messageID)"]
                if let options { parameters["option_ids"] = options }
                return try await client.user(pair.user, "sendPollAnswer", parameters)
            }
            let single = try await poll(["allows_revoting": "false"])
            #expect(try await answer(single, "[0,1]").description == "Bad Request: can't choose more than 1 option in the poll")
            #expect(try await answer(single, "[3]").description == "Bad Request: invalid option identifier specified")
            #expect(try await answer(single, "[0]").ok)
            #expect(try await answer(single, "[0]").ok)
            #expect(try await answer(single, "[1]").description == "Bad Request: poll answer can't be changed")
            #expect(try await answer(single, nil).description == "Bad Request: poll answer can't be changed")

            // Absent, allows_revoting is true for regular polls (behaviour.md §1.5: its presence counts).
            let revotable = try await poll([:])
            #expect(try await answer(revotable, "[2]").ok)
            #expect(try await answer(revotable, "[1]").ok)
            #expect(try await answer(revotable, "[]").ok)
            let afterRetract = try await client.drainUpdates(bot: pair.bot)
            let retraction = afterRetract.compactMap { $0["poll_answer"] as? [String: Any] }.last ?? [:]
            #expect(retraction["option_ids"] as? [Int] == [])
            #expect(afterRetract.compactMap { $0["poll"] as? [String: Any] }.last?["total_voter_count"] as? Int == 0)

            let text = try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(pair.userID)", "text": "no poll"])
            #expect(try await answer(text.resultObject["message_id"] as? Int ?? 0, "[0]").description == "Bad Request: message has no poll")
            #expect(try await answer(9999, "[0]").description == "Bad Request: message not found")
            #expect(try await answer(single, "[\"x\"]").description == "Bad Request: can't parse option identifier as a Number")
            let onBotSurface = try await client.bot(pair.bot, "sendPollAnswer", ["chat_id": "\(pair.userID)", "message_id": "\(single)"])
            #expect(onBotSurface.status == 404 || onBotSurface.status == 501)

            let anonymous = try await poll(["is_anonymous": "true"])
            #expect(try await answer(anonymous, "[1]").ok)
            let anonymousUpdates = try await client.drainUpdates(bot: pair.bot)
            #expect(anonymousUpdates.contains { $0["poll_answer"] != nil } == false)
            #expect(anonymousUpdates.contains { $0["poll"] != nil })
        }
    }

    @Test func quizzesRevealTheirAnswerToVoters() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendPoll", [
                "chat_id": "\(pair.userID)", "question": "2+2?", "options": #"["3","4","5"]"#, "type": "quiz",
                "correct_option_id": "1", "explanation": "<b>Four</b>", "explanation_parse_mode": "HTML", "is_anonymous": "false",
            ])
            #expect(sent.ok, "\(sent.body)")
            let botView = Self.poll(sent)
            #expect(botView["correct_option_ids"] as? [Int] == [1] && botView["explanation"] as? String == "Four")
            let messageID = sent.resultObject["message_id"] as? Int ?? 0

            let received = try await client.drainUpdates(user: pair.user).compactMap { $0["message"] as? [String: Any] }
            let userView = received.first?["poll"] as? [String: Any] ?? [:]
            #expect(userView["type"] as? String == "quiz" && userView["correct_option_ids"] == nil && userView["explanation"] == nil)

            // Editing the quiz's keyboard doesn't reveal the answer either.
            let keyboard = #"{"inline_keyboard":[[{"text":"Hint","callback_data":"hint"}]]}"#
            #expect(try await client.bot(pair.bot, "editMessageReplyMarkup", [
                "chat_id": "\(pair.userID)", "message_id": "\(messageID)", "reply_markup": keyboard,
            ]).ok)
            let edited = try await client.drainUpdates(user: pair.user).compactMap { $0["edited_message"] as? [String: Any] }
            let editedView = edited.first?["poll"] as? [String: Any] ?? [:]
            #expect(editedView["type"] as? String == "quiz" && editedView["correct_option_ids"] == nil && editedView["explanation"] == nil)

            let wrong = try await client.user(pair.user, "sendPollAnswer", ["chat_id": "\(pair.botID)", "message_id": "\(messageID)", "option_ids": "[0]"])
            #expect(wrong.ok)
            let reveal = try await client.drainUpdates(user: pair.user).compactMap { $0["poll"] as? [String: Any] }
            #expect(reveal.first?["correct_option_ids"] as? [Int] == [1] && reveal.first?["explanation"] as? String == "Four")
            #expect(Self.counts(reveal.first ?? [:]) == [1, 0, 0])
            let revote = try await client.user(pair.user, "sendPollAnswer", ["chat_id": "\(pair.botID)", "message_id": "\(messageID)", "option_ids": "[1]"])
            #expect(revote.description == "Bad Request: can't revote in a quiz")
            let retract = try await client.user(pair.user, "sendPollAnswer", ["chat_id": "\(pair.botID)", "message_id": "\(messageID)", "option_ids": "[]"])
            #expect(retract.description == "Bad Request: can't retract vote in a quiz")
            let botPolls = try await client.drainUpdates(bot: pair.bot).compactMap { $0["poll"] as? [String: Any] }
            #expect(botPolls.last?["correct_option_ids"] as? [Int] == [1])

            // A bot sees the answer of a quiz a person sends it.
            _ = try await client.user(pair.user, "sendPoll", [
                "chat_id": "\(pair.botID)", "question": "1+1?", "options": #"["2","3"]"#, "type": "quiz", "correct_option_ids": "[0]",
            ])
            let botGot = try await client.drainUpdates(bot: pair.bot).compactMap { $0["message"] as? [String: Any] }
            #expect((botGot.first?["poll"] as? [String: Any])?["correct_option_ids"] as? [Int] == [0])
        }
    }

    @Test func stopPollRefusals() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendPoll", ["chat_id": "\(pair.userID)", "question": "Q", "options": #"["a","b"]"#, "open_period": "30"])
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            let byUser = try await client.user(pair.user, "stopPoll", ["chat_id": "\(pair.botID)", "message_id": "\(messageID)"])
            #expect(byUser.description == "Bad Request: message can't be edited")
            let text = try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(pair.userID)", "text": "t"])
            let notPoll = try await client.bot(pair.bot, "stopPoll", ["chat_id": "\(pair.userID)", "message_id": "\(text.resultObject["message_id"] as? Int ?? 0)"])
            #expect(notPoll.description == "Bad Request: message with poll to stop not found")

            // Past its close date the poll takes no answers.
            world.clock.advance(by: 31)
            let late = try await client.user(pair.user, "sendPollAnswer", ["chat_id": "\(pair.botID)", "message_id": "\(messageID)", "option_ids": "[0]"])
            #expect(late.description == "Bad Request: can't answer closed poll")

            let expired = try await client.bot(pair.bot, "stopPoll", ["chat_id": "\(pair.userID)", "message_id": "\(messageID)"])
            #expect(expired.description == "Bad Request: poll has already been closed")

            let open = try await client.bot(pair.bot, "sendPoll", ["chat_id": "\(pair.userID)", "question": "Q2", "options": #"["a","b"]"#])
            let openID = open.resultObject["message_id"] as? Int ?? 0
            let stopped = try await client.bot(pair.bot, "stopPoll", [
                "chat_id": "\(pair.userID)", "message_id": "\(openID)",
                "reply_markup": #"{"inline_keyboard": [[{"text": "Results", "url": "https://example.org/r"}]]}"#,
            ])
            #expect(stopped.ok && stopped.resultObject["is_closed"] as? Bool == true, "\(stopped.body)")
            let twice = try await client.bot(pair.bot, "stopPoll", ["chat_id": "\(pair.userID)", "message_id": "\(openID)"])
            #expect(twice.description == "Bad Request: poll has already been closed")
            let botPolls = try await client.drainUpdates(bot: pair.bot).compactMap { $0["poll"] as? [String: Any] }
            #expect(botPolls.last?["is_closed"] as? Bool == true)
        }
    }

    @Test func pollsInGroupsCountEveryMembersAnswer() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot("poll_bot", name: "Polls")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let created = try await client.user(alice, "createChat", ["type": "group", "title": "Team", "member_ids": "[\(botID), \(bobID)]"])
            let groupID = created.resultObject["id"] as? Int ?? 0
            try #require(created.ok, "\(created.body)")
            let sent = try await client.bot(bot, "sendPoll", [
                "chat_id": "\(groupID)", "question": "Where?", "options": #"["Here","There"]"#, "is_anonymous": "false",
            ])
            try #require(sent.ok, "\(sent.body)")
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            _ = try await client.drainUpdates(bot: bot)
            _ = try await client.drainUpdates(user: bob)
            for (user, option) in [(alice, 0), (bob, 0)] {
                let answer = try await client.user(user, "sendPollAnswer", ["chat_id": "\(groupID)", "message_id": "\(messageID)", "option_ids": "[\(option)]"])
                #expect(answer.ok, "\(answer.body)")
            }
            let updates = try await client.drainUpdates(bot: bot)
            #expect(updates.compactMap { $0["poll_answer"] }.count == 2)
            #expect(Self.counts(updates.compactMap { $0["poll"] as? [String: Any] }.last ?? [:]) == [2, 0])
            // Bob sees Alice's answer counted.
            let bobSaw = try await client.drainUpdates(user: bob).compactMap { $0["poll"] as? [String: Any] }
            #expect(bobSaw.first?["total_voter_count"] as? Int == 1)
        }
    }

    @Test func aPollClosesOnTimeAfterARestartWithNoCallToTriggerIt() async throws {
        let world = try TestWorld()
        let (bot, botID) = try await world.run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendPoll", [
                "chat_id": "\(pair.userID)", "question": "Quick?", "options": #"["a","b"]"#, "open_period": "30",
            ])
            try #require(sent.ok, "\(sent.body)")
            _ = try await client.drainUpdates(bot: pair.bot)
            return (pair.bot, pair.botID)
        }
        // Timers live in memory: the server's start-up arms them again from the store. (The
        // first engine lives on in this process with its own timer, due 31 s after the send:
        // the world's clock is moved so the restarted engine's timer is due well before.)
        let restarted = try world.restarted()
        restarted.clock.advance(by: 25)
        await restarted.engine.resumeTimers()
        try await restarted.run { client in
            async let parked = client.bot(bot, "getUpdates", ["timeout": "20", "allowed_updates": #"["poll"]"#])
            try await eventually { restarted.engine.hub.isParked(Int64(botID)) }
            // The clock passes the deadline with no call: only the timer can close the poll.
            restarted.clock.advance(by: 10)
            let polls = try await parked.resultArray.compactMap { $0["poll"] as? [String: Any] }
            #expect(polls.first?["question"] as? String == "Quick?" && polls.first?["is_closed"] as? Bool == true)
        }
    }
}
