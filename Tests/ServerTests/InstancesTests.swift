import Engine
import Foundation
import Storage
import Testing

/// Two server instances on one PostgreSQL world behave as one server (needs
/// BOTAPI_TEST_DATABASE; `scripts/test-all` runs the suites again on a throwaway cluster).
@Suite(.enabled(if: TestStores.databaseURL != nil, "needs BOTAPI_TEST_DATABASE"))
struct InstancesTests {
    /// Two instances on one fresh world, each following the other's signals.
    static func twoInstances(_ body: @Sendable (TestWorld, TestWorld, Client, Client) async throws -> Void) async throws {
        let path = TestWorld.newDatabasePath()
        let a = try TestWorld(path: path), b = try TestWorld(path: path)
        let followers = [Task { await a.engine.followOtherInstances() }, Task { await b.engine.followOtherInstances() }]
        defer { for follower in followers { follower.cancel() } }
        // LISTEN starts on a connection of its own: give it a moment before relying on it.
        try await Task.sleep(for: .seconds(1))
        try await a.run { clientA in
            try await b.run { clientB in try await body(a, b, clientA, clientB) }
        }
    }

    @Test func aPollParkedOnOneInstanceWakesWhenAnotherQueuesAnUpdate() async throws {
        try await Self.twoInstances { a, _, clientA, clientB in
            let (bot, botID) = try await clientA.createBot()
            let (user, _) = try await clientB.createUser()
            let started = ContinuousClock.now
            async let poll = clientA.bot(bot, "getUpdates", ["timeout": "20"])
            try await eventually { a.engine.hub.isParked(Int64(botID)) }
            #expect(try await clientB.user(user, "sendMessage", ["chat_id": "\(botID)", "text": "/start"]).ok)
            let answer = try await poll
            // Long before the 20 s timeout: the other instance's commit woke it.
            #expect(ContinuousClock.now - started < .seconds(10))
            let texts = answer.resultArray.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
            #expect(texts == ["/start"])
        }
    }

    @Test func aNewerPollOnAnotherInstanceEndsTheOlderWith409() async throws {
        try await Self.twoInstances { a, _, clientA, clientB in
            let (bot, botID) = try await clientA.createBot()
            async let older = clientA.bot(bot, "getUpdates", ["timeout": "20"])
            try await eventually { a.engine.hub.isParked(Int64(botID)) }
            async let newer = clientB.bot(bot, "getUpdates", ["timeout": "1"])
            let olderAnswer = try await older
            #expect(olderAnswer.status == 409)
            #expect(olderAnswer.description == "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
            #expect(try await newer.ok)
        }
    }

    @Test func aTokenRevokedOnOneInstanceIsRefusedOnTheOther() async throws {
        try await Self.twoInstances { _, b, clientA, clientB in
            let (bot, botID) = try await clientA.createBot()
            // Instance B caches the account while authenticating.
            #expect(try await clientB.bot(bot, "getMe").ok)
            // A call parked on B ends once the token is gone.
            async let parked = clientB.bot(bot, "getUpdates", ["timeout": "20"])
            try await eventually { b.engine.hub.isParked(Int64(botID)) }
            let revoked = try await clientA.admin("revokeToken", ["user_id": "\(botID)"])
            let new = try #require(revoked.resultObject["token"] as? String)
            #expect(try await parked.status == 401)
            #expect(try await clientB.bot(bot, "getMe").status == 401)
            #expect(try await clientB.bot(new, "getMe").ok)
            #expect(try await clientA.admin("deleteUser", ["user_id": "\(botID)"]).ok)
            // The deletion's signal reaches B within milliseconds; allow a loaded machine 5 s.
            var status = 0
            for _ in 0..<100 {
                status = try await clientB.bot(new, "getMe").status
                if status == 401 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(status == 401)
        }
    }

    @Test func aPollSentThroughOneInstanceClosesOnTimeThroughTheOther() async throws {
        try await Self.twoInstances { _, b, clientA, clientB in
            let (bot, botID) = try await clientA.createBot()
            let (user, userID) = try await clientB.createUser()
            #expect(try await clientB.user(user, "startBot", ["bot_id": "\(botID)"]).ok)
            // B has read the (empty) list of deadlines: from now on it learns of new ones
            // only from the other instance's signal.
            _ = try await clientB.user(user, "getUpdates")
            let sent = try await clientA.bot(bot, "sendPoll", [
                "chat_id": "\(userID)", "question": "Lunch?", "options": #"["Yes","No"]"#, "open_period": "5",
            ])
            #expect(sent.ok, "\(sent.body)")
            // Only B's clock moves past the deadline: B must close the poll itself.
            try await Task.sleep(for: .milliseconds(500))
            b.clock.advance(by: 6)
            var closed = false
            for _ in 0..<50 where !closed {
                let updates = try await clientB.user(user, "getUpdates", ["timeout": "0"])
                closed = updates.resultArray.contains { (($0["poll"] as? [String: Any])?["is_closed"] as? Bool) == true }
                if !closed { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(closed)
        }
    }

    @Test func advancingTheClockOnOneInstanceMovesTheOther() async throws {
        try await Self.twoInstances { a, b, clientA, clientB in
            let start = a.clock.now()
            #expect(b.clock.now() == start)
            let moved = try await clientA.admin("advanceTime", ["seconds": "3600"])
            #expect(moved.resultObject["unix_time"] as? Int == Int(start) + 3600)
            try await eventually { b.clock.now() == start + 3600 }
            #expect(try await clientB.admin("getTime").resultObject["unix_time"] as? Int == Int(start) + 3600)
        }
    }
}
