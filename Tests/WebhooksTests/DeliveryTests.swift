import BotAPI
import Engine
import Foundation
import NIOCore
import Storage
import Synchronization
import Testing

@testable import Webhooks

/// Webhook delivery end to end: a real engine, a real dispatcher, a loopback receiver.
@Suite(.timeLimit(.minutes(1))) struct DeliveryTests {
    @Test func requestIsByteExact() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let receiver = TestReceiver()
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://us%20er:p@ss@127.0.0.1:\(port)/hook/p?a=b c&d=1#frag", secretToken: "S3cret_-x")
        try await world.send("hello", from: user, to: bot)
        let pending = try await world.engine.pendingDeliveries(botID: bot.id, limit: 10)
        let expectedBody = try #require(pending.first).body

        let requests = try await world.withDispatcher { _ in
            let requests = try await receiver.waitFor { $0.count == 1 }
            try await world.waitForInfo(bot) { $0.pendingUpdateCount == 0 }
            return requests
        }
        let request = requests[0]
        let credentials = Data("us%20er:p@ss".utf8).base64EncodedString()
        #expect(request.head == """
            POST /hook/p?a=b%20c&d=1 HTTP/1.1\r
            Host: 127.0.0.1:\(port)\r
            Authorization: Basic \(credentials)\r
            X-Telegram-Bot-Api-Secret-Token: S3cret_-x\r
            Content-Type: application/json\r
            Content-Length: \(expectedBody.count)\r
            Connection: keep-alive\r
            \r

            """)
        #expect(request.body == expectedBody)
        let text = String(decoding: request.body, as: UTF8.self)
        #expect(text.hasPrefix("{\"update_id\":\(pending[0].updateID),\n\"message\":{"))
        #expect(request.text == "hello" && request.chatID == Int(user.id))
    }

    @Test func noSecretNoAuthorizationAndDefaultPath() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let receiver = TestReceiver()
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)")
        try await world.send("one", from: user, to: bot)
        try await world.send("two", from: user, to: bot)
        let requests = try await world.withDispatcher { _ in try await receiver.waitFor { $0.count == 2 } }
        #expect(requests.map(\.requestLine) == ["POST / HTTP/1.1", "POST / HTTP/1.1"])
        #expect(requests[0].headerLines.map { $0.prefix { $0 != ":" } } == ["Host", "Content-Type", "Content-Length", "Connection"])
        #expect(requests.map(\.text) == ["one", "two"])
        // Keep-alive: both went over the same connection.
        #expect(requests[0].connection == requests[1].connection)
    }

    @Test func perChatOrderWithParallelismAcrossChats() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let slow = try await world.createUser("Slow")
        let fast = try await world.createUser("Fast")
        let release = Mutex(false)
        let receiver = TestReceiver { request in
            // The slow chat's first update is held until the fast chat got all of its own.
            if request.text == "slow-1" {
                let deadline = ContinuousClock.now + .seconds(10)
                while !release.withLock({ $0 }), ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
            }
            return .ok
        }
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/")
        for i in 1...3 {
            try await world.send("slow-\(i)", from: slow, to: bot)
            try await world.send("fast-\(i)", from: fast, to: bot)
        }
        let requests = try await world.withDispatcher { _ in
            let seen = try await receiver.waitFor { requests in requests.filter { $0.text.hasPrefix("fast") }.count == 3 }
            // While slow-1 is unanswered, nothing else of the slow chat was sent.
            #expect(seen.filter { $0.text.hasPrefix("slow") }.map(\.text) == ["slow-1"])
            release.withLock { $0 = true }
            return try await receiver.waitFor { $0.count == 6 }
        }
        #expect(requests.filter { $0.chatID == Int(slow.id) }.map(\.text) == ["slow-1", "slow-2", "slow-3"])
        #expect(requests.filter { $0.chatID == Int(fast.id) }.map(\.text) == ["fast-1", "fast-2", "fast-3"])
        #expect(Set(requests.map(\.updateID)).count == 6)
    }

    @Test func aBacklogLargerThanTheWindowIsDeliveredOnceInOrder() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let users = [try await world.createUser("A"), try await world.createUser("B"), try await world.createUser("C")]
        for i in 1...60 {
            for user in users { try await world.send("\(i)", from: user, to: bot) }
        }
        let receiver = TestReceiver()
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/", maxConnections: 3)
        try await world.withDispatcher { _ in
            try await world.waitForInfo(bot, timeout: .seconds(30)) { $0.pendingUpdateCount == 0 }
        }
        let requests = receiver.requests
        #expect(requests.count == 180 && Set(requests.map(\.updateID)).count == 180)
        for user in users {
            #expect(requests.filter { $0.chatID == Int(user.id) }.map(\.text) == (1...60).map { "\($0)" })
        }
        #expect(receiver.maxInFlight <= 3)
    }

    @Test func aFixedIPAddressKeepsTheURLsHost() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let receiver = TestReceiver()
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        // The host does not resolve; the fixed address is used instead.
        try await world.setWebhook(bot, url: "http://hook.invalid:\(port)/fixed", ipAddress: "127.0.0.1")
        try await world.send("via ip", from: user, to: bot)
        let requests = try await world.withDispatcher { _ in try await receiver.waitFor { $0.count == 1 } }
        #expect(requests[0].requestLine == "POST /fixed HTTP/1.1")
        #expect(requests[0].header("Host") == "hook.invalid:\(port)")
    }

    @Test func maxConnectionsLimitsParallelRequests() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let receiver = TestReceiver { _ in
            try? await Task.sleep(for: .milliseconds(150))
            return .ok
        }
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/", maxConnections: 2)
        for i in 1...6 {
            let user = try await world.createUser("U\(i)")
            try await world.send("m\(i)", from: user, to: bot)
        }
        try await world.withDispatcher { _ in try await receiver.waitFor { $0.count == 6 } }
        #expect(receiver.maxInFlight == 2)
        #expect(receiver.connectionCount == 2)
    }

    @Test func failingReceiverRecoversAndGetsEveryUpdateOnceInOrder() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let users = [try await world.createUser("A"), try await world.createUser("B"), try await world.createUser("C")]
        let failures = Mutex(0)
        let delivered = Mutex<[TestReceiver.Request]>([])
        let receiver = TestReceiver { request in
            let fail = failures.withLock { count -> Bool in
                count += 1
                return count <= 7
            }
            if fail { return .response(status: 502, reason: "Bad Gateway") }
            delivered.withLock { $0.append(request) }
            return .ok
        }
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/")
        for round in 1...4 {
            for (index, user) in users.enumerated() { try await world.send("u\(index)-\(round)", from: user, to: bot) }
        }
        try await world.withDispatcher { _ in
            try await world.waitForInfo(bot) { $0.pendingUpdateCount == 0 }
        }
        let successful = delivered.withLock { $0 }
        #expect(successful.count == 12 && Set(successful.map(\.updateID)).count == 12)
        // Successful deliveries of each chat are in send order.
        for (index, user) in users.enumerated() {
            let texts = successful.filter { $0.chatID == Int(user.id) }.map(\.text)
            #expect(texts == (1...4).map { "u\(index)-\($0)" })
        }
        let info = try await world.webhookInfo(bot)
        #expect(info.lastErrorMessage == "Wrong response from the webhook: 502 Bad Gateway")
        #expect(info.lastErrorDate == Int(world.clock.now()))
    }

    @Test func backoffFollowsThePolicyAndRetryAfterIsHonoured() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let attempts = Mutex(0)
        let receiver = TestReceiver { _ in
            let attempt = attempts.withLock { count -> Int in
                count += 1
                return count
            }
            switch attempt {
            case 1, 2, 3: return .response(status: 500, reason: "Internal Server Error")
            case 4: return .response(status: 429, reason: "Too Many Requests", headers: [("Retry-After", "3")])
            default: return .ok
            }
        }
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/")
        try await world.send("x", from: user, to: bot)
        let policy = WebhookDeliveryPolicy(
            backoff: [.zero, .seconds(1), .seconds(2)], laterBackoff: .seconds(20) ... .seconds(20),
            retryAfterUnit: .milliseconds(100), pollInterval: .seconds(2))
        let requests = try await world.withDispatcher(policy: policy) { _ in try await receiver.waitFor { $0.count == 5 } }
        let gaps = zip(requests.dropFirst(), requests).map { $0.receivedAt - $1.receivedAt }
        #expect(gaps[0] < .milliseconds(800))  // first failure: immediate retry
        #expect(gaps[1] >= .seconds(1) && gaps[1] < .seconds(4))
        #expect(gaps[2] >= .seconds(2) && gaps[2] < .seconds(6))
        // Retry-After: 3 (× 100 ms in this policy) instead of the 20 s the backoff would give.
        #expect(gaps[3] >= .milliseconds(300) && gaps[3] < .seconds(6))
    }

    @Test func anUndeliverableUpdateIsDroppedWhenItsNextAttemptWouldBeTooLate() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let receiver = TestReceiver { _ in .response(status: 500, reason: "Internal Server Error") }
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/")
        try await world.send("late", from: user, to: bot)
        world.clock.advance(by: 86_400 - 1)  // one second of life left
        let policy = WebhookDeliveryPolicy(backoff: [.zero, .seconds(2)], pollInterval: .seconds(2))
        try await world.withDispatcher(policy: policy) { _ in
            try await world.waitForInfo(bot) { $0.pendingUpdateCount == 0 }
        }
        // The immediate retry still fit; the 2 s one would not.
        #expect(receiver.requests.count == 2)
    }

    @Test(arguments: [
        (TestReceiver.Reply.raw(Array("HTTP/1.1 403 Request had the wrong secret token\r\nContent-Length: 0\r\n\r\n".utf8)),
         "Wrong response from the webhook: 403 Request had the wrong secret token"),
        (TestReceiver.Reply.response(status: 401, reason: "Unauthorized"), "Wrong response from the webhook: 401 Unauthorized"),
        (TestReceiver.Reply.reset, "Connection reset by peer"),
        (TestReceiver.Reply.hang, "Read timeout expired"),
    ])
    func lastErrorTexts(reply: TestReceiver.Reply, expected: String) async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let receiver = TestReceiver { _ in reply }
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/")
        try await world.send("x", from: user, to: bot)
        var policy = WebhookWorld.fastPolicy
        // Short only where the timeout is the point: on a loaded machine the other receivers
        // may take longer than that to answer, and would then report a timeout.
        if case .hang = reply { policy.readTimeout = .milliseconds(300) }
        let info = try await world.withDispatcher(policy: policy) { _ in
            try await world.waitForInfo(bot) { $0.lastErrorMessage != nil }
        }
        #expect(info.lastErrorMessage == expected)
        #expect(info.pendingUpdateCount == 1)
    }

    @Test func connectionRefused() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let receiver = TestReceiver()
        let port = try await receiver.start()
        await receiver.stop()  // nothing listens there any more
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/")
        try await world.send("x", from: user, to: bot)
        let info = try await world.withDispatcher { _ in
            try await world.waitForInfo(bot) { $0.lastErrorMessage != nil }
        }
        #expect(info.lastErrorMessage == "Connection refused")
    }

    @Test func aConnectionClosedWithoutResponseIsRetriedSilently() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let attempts = Mutex(0)
        let receiver = TestReceiver { _ in
            attempts.withLock { count -> Int in
                count += 1
                return count
            } <= 2 ? .closeWithoutResponse : .ok
        }
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/")
        try await world.send("x", from: user, to: bot)
        let info = try await world.withDispatcher { _ in
            try await world.waitForInfo(bot) { $0.pendingUpdateCount == 0 }
        }
        #expect(receiver.requests.count == 3)
        #expect(info.lastErrorMessage == nil)
    }

    @Test func restartResumesUnconfirmedDeliveries() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let healthy = Mutex(false)
        let receiver = TestReceiver { _ in healthy.withLock { $0 } ? .ok : .response(status: 503, reason: "Service Unavailable") }
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/")
        for i in 1...3 { try await world.send("m\(i)", from: user, to: bot) }
        try await world.withDispatcher { _ in try await receiver.waitFor { $0.count >= 2 } }

        let restarted = try world.restarted()
        healthy.withLock { $0 = true }
        try await restarted.withDispatcher { _ in
            try await restarted.waitForInfo(bot) { $0.pendingUpdateCount == 0 }
        }
        let successful = receiver.requests.suffix(3)
        #expect(successful.map(\.text) == ["m1", "m2", "m3"])
        #expect(Set(receiver.requests.map(\.updateID)).count == 3)
    }

    @Test func changingTheWebhookStopsTheOldWorkerAtOnce() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let old = TestReceiver { _ in .hang }
        let new = TestReceiver()
        let oldPort = try await old.start()
        let newPort = try await new.start()
        defer { Task { await old.stop(); await new.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(oldPort)/")
        try await world.send("first", from: user, to: bot)
        var policy = WebhookWorld.fastPolicy
        policy.readTimeout = .seconds(60)
        try await world.withDispatcher(policy: policy) { _ in
            try await old.waitFor { $0.count == 1 }
            let changed = ContinuousClock.now
            try await world.setWebhook(bot, url: "http://127.0.0.1:\(newPort)/")
            try await new.waitFor { $0.count == 1 }
            // The hanging request was cancelled: its connection is gone, long before 60 s.
            try await old.waitFor("old connection closed") { _ in old.closedConnectionCount == 1 }
            #expect(ContinuousClock.now - changed < .seconds(5))
            #expect(new.requests[0].text == "first")
            try await world.waitForInfo(bot) { $0.pendingUpdateCount == 0 }

            // deleteWebhook stops delivery; updates stay for getUpdates.
            try await world.deleteWebhook(bot)
            try await Task.sleep(for: .milliseconds(200))
            try await world.send("second", from: user, to: bot)
            try await Task.sleep(for: .milliseconds(300))
            #expect(new.requests.count == 1)
            let updates = try #require(try await world.call(.bot, bot.token, "getUpdates") as? [[String: Any]])
            #expect(updates.compactMap { ($0["message"] as? [String: Any])?["text"] as? String } == ["second"])
        }
    }

    @Test func settingsChangedWhileIdleTakeEffectAtOnce() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let receivers = [TestReceiver(), TestReceiver(), TestReceiver()]
        var ports: [Int] = []
        for receiver in receivers { ports.append(try await receiver.start()) }
        defer { Task { for receiver in receivers { await receiver.stop() } } }
        let urls = ports.map { "http://127.0.0.1:\($0)/" }
        // A long poll interval: a worker that misses its cancellation would hang for 30 s.
        var policy = WebhookWorld.fastPolicy
        policy.pollInterval = .seconds(30)
        policy.resyncInterval = .seconds(30)
        try await world.setWebhook(bot, url: urls[0])
        try await world.withDispatcher(policy: policy) { _ in
            try await Task.sleep(for: .milliseconds(100))
            try await world.setWebhook(bot, url: urls[1])
            try await world.setWebhook(bot, url: urls[2])  // waits out the 1 s limit
            let sent = ContinuousClock.now
            try await world.send("latest", from: user, to: bot)
            try await receivers[2].waitFor { $0.count == 1 }
            #expect(ContinuousClock.now - sent < .seconds(5))
        }
        #expect(receivers[0].requests.isEmpty && receivers[1].requests.isEmpty)
    }

    @Test func webhookSetWhileRunningIsPickedUp() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let receiver = TestReceiver()
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.withDispatcher { _ in
            try await world.send("before", from: user, to: bot)
            try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/")
            try await world.send("after", from: user, to: bot)
            try await receiver.waitFor { $0.count == 2 }
        }
        #expect(receiver.requests.map(\.text) == ["before", "after"])
    }
}
