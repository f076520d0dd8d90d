import Foundation
import Testing

/// getUpdates exactly as behaviour.md §3 describes it.
@Suite struct GetUpdatesTests {
    /// Has the user send `count` messages to the bot.
    static func send(_ count: Int, from user: String, to botID: Int, _ client: Client) async throws {
        for index in 1...count {
            let answer = try await client.user(user, "sendMessage", ["chat_id": "\(botID)", "text": "m\(index)"])
            try #require(answer.ok, "\(answer.body)")
        }
    }

    static func ids(_ answer: Answer) -> [Int] { answer.resultArray.compactMap { $0["update_id"] as? Int } }
    static func texts(_ answer: Answer) -> [String] {
        answer.resultArray.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
    }

    @Test func offsetsConfirmAndIdsIncreaseByOne() async throws {
        try await TestWorld().run { client in
            let c = try await ParameterEncodingTests.conversation(client)
            try await Self.send(3, from: c.user, to: c.botID, client)
            let all = try await client.bot(c.bot, "getUpdates")
            let ids = Self.ids(all)
            #expect(ids.count == 4 && zip(ids, ids.dropFirst()).allSatisfy { $1 == $0 + 1 })
            #expect(ids[0] >= 2_000_001)
            // Reading again without an offset confirms nothing.
            #expect(Self.ids(try await client.bot(c.bot, "getUpdates")) == ids)
            let afterTwo = try await client.bot(c.bot, "getUpdates", ["offset": "\(ids[2])"])
            #expect(Self.ids(afterTwo) == Array(ids[2...]))
            #expect(Self.ids(try await client.bot(c.bot, "getUpdates")) == Array(ids[2...]))
            // An offset far in the future is ignored.
            #expect(Self.ids(try await client.bot(c.bot, "getUpdates", ["offset": "\(ids[3] + 1000)"])) == Array(ids[2...]))
            let limited = try await client.bot(c.bot, "getUpdates", ["limit": "0"])
            #expect(Self.ids(limited) == [ids[2]])
            #expect(Self.ids(try await client.bot(c.bot, "getUpdates", ["offset": "\(ids[3] + 1)"])).isEmpty)
        }
    }

    @Test func negativeOffsetKeepsTheLastUpdates() async throws {
        try await TestWorld().run { client in
            let c = try await ParameterEncodingTests.conversation(client)
            try await Self.send(4, from: c.user, to: c.botID, client)
            #expect(Self.texts(try await client.bot(c.bot, "getUpdates", ["offset": "-2"])) == ["m3", "m4"])
            #expect(Self.texts(try await client.bot(c.bot, "getUpdates")) == ["m3", "m4"])
            #expect(Self.texts(try await client.bot(c.bot, "getUpdates", ["offset": "-1"])) == ["m4"])
        }
    }

    @Test func longPollWakesWhenAMessageArrives() async throws {
        try await TestWorld().run { client in
            let c = try await ParameterEncodingTests.conversation(client)
            let first = Self.ids(try await client.bot(c.bot, "getUpdates"))
            let started = ContinuousClock.now
            async let polled = client.bot(c.bot, "getUpdates", ["offset": "\(first.last! + 1)", "timeout": "20"])
            try await Task.sleep(for: .milliseconds(300))
            try await Self.send(1, from: c.user, to: c.botID, client)
            let answer = try await polled
            #expect(Self.texts(answer) == ["m1"])
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test func emptyLongPollEndsAtItsTimeout() async throws {
        try await TestWorld().run { client in
            let (bot, _) = try await client.createBot()
            let started = ContinuousClock.now
            let answer = try await client.bot(bot, "getUpdates", ["timeout": "1"])
            #expect(answer.body == #"{"ok":true,"result":[]}"#)
            #expect(ContinuousClock.now - started >= .milliseconds(900))
        }
    }

    @Test func aNewerParkedCallEndsTheOlderWith409() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot()
            async let older = client.bot(bot, "getUpdates", ["timeout": "20"])
            try await eventually { world.engine.hub.isParked(Int64(botID)) }
            async let newer = client.bot(bot, "getUpdates", ["timeout": "1"])
            let olderAnswer = try await older
            #expect(olderAnswer.status == 409)
            #expect(olderAnswer.description == "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
            #expect(try await newer.ok)
        }
    }

    @Test func allowedUpdatesAreRememberedAndFilterNewUpdates() async throws {
        let world = try TestWorld()
        let (bot, user, botID) = try await world.run { client in
            let c = try await ParameterEncodingTests.conversation(client)
            _ = try await client.bot(c.bot, "getUpdates", ["offset": "-1", "allowed_updates": #"["callback_query"]"#])
            try await Self.send(1, from: c.user, to: c.botID, client)
            return (c.bot, c.user, c.botID)
        }
        // Across a restart too: the message above was never queued.
        try await world.restarted().run { client in
            let answer = try await client.bot(bot, "getUpdates", ["offset": "-1"])
            #expect(Self.texts(answer) == ["/start"])
            _ = try await client.bot(bot, "getUpdates", ["allowed_updates": "[]"])
            try await Self.send(1, from: user, to: botID, client)
            #expect(Self.texts(try await client.bot(bot, "getUpdates")).last == "m1")
        }
    }

    @Test func messagesExpireAfterADay() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let c = try await ParameterEncodingTests.conversation(client)
            world.clock.advance(by: 86_399)
            #expect(Self.texts(try await client.bot(c.bot, "getUpdates")) == ["/start"])
            world.clock.advance(by: 2)
            #expect(Self.texts(try await client.bot(c.bot, "getUpdates")).isEmpty)
        }
    }

    /// A poll's reads that confirm nothing skip the writer; one that meets an expired update
    /// still deletes it, before parking and after waking.
    @Test func aLongPollNeverReturnsAnUpdateThatExpired() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let c = try await ParameterEncodingTests.conversation(client)
            try await Self.send(1, from: c.user, to: c.botID, client)
            world.clock.advance(by: 86_401)
            // Both pending updates (/start, m1) expired: the poll parks instead of answering them.
            async let polled = client.bot(c.bot, "getUpdates", ["timeout": "20"])
            try await eventually { world.engine.hub.isParked(Int64(c.botID)) }
            try await Self.send(1, from: c.user, to: c.botID, client)
            let answer = try await polled
            #expect(Self.texts(answer) == ["m1"])
            let id = try #require(Self.ids(answer).first)
            // Confirmed by the next offset; a read that confirms nothing more returns nothing.
            #expect(Self.ids(try await client.bot(c.bot, "getUpdates", ["offset": "\(id + 1)"])).isEmpty)
            #expect(Self.ids(try await client.bot(c.bot, "getUpdates", ["offset": "\(id + 1)"])).isEmpty)
            #expect(Self.ids(try await client.bot(c.bot, "getUpdates")).isEmpty)
        }
    }

    @Test func updateIdsContinueAcrossRestarts() async throws {
        let world = try TestWorld()
        let (bot, user, botID, lastID) = try await world.run { client in
            let c = try await ParameterEncodingTests.conversation(client)
            let ids = Self.ids(try await client.bot(c.bot, "getUpdates"))
            _ = try await client.bot(c.bot, "getUpdates", ["offset": "\(ids.last! + 1)"])
            return (c.bot, c.user, c.botID, ids.last!)
        }
        try await world.restarted().run { client in
            try await Self.send(1, from: user, to: botID, client)
            #expect(Self.ids(try await client.bot(bot, "getUpdates")) == [lastID + 1])
        }
    }

    @Test func usersHaveTheirOwnQueue() async throws {
        try await TestWorld().run { client in
            let c = try await ParameterEncodingTests.conversation(client)
            _ = try await client.bot(c.bot, "sendMessage", ["chat_id": "\(c.userID)", "text": "hello"])
            let answer = try await client.user(c.user, "getUpdates", ["timeout": "1"])
            #expect(Self.texts(answer) == ["hello"])
        }
    }
}
