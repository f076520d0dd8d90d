import BotAPI
import Engine
import Foundation
import Logging
import Storage
import Testing

@testable import Webhooks

/// Webhook delivery leases (several instances on one database): which instance delivers a
/// bot's queue, when another takes over, and how a holder that lost its lease is fenced. The
/// rules run on whichever store the suite runs on (SQLite, or PostgreSQL with
/// BOTAPI_TEST_DATABASE), with explicit times in milliseconds.
@Suite(.timeLimit(.minutes(1))) struct WebhookLeaseTests {
    /// A world with a bot that has one pending update from a user.
    static func botWithUpdate() async throws -> (WebhookWorld, WebhookWorld.Account) {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        try await world.setWebhook(bot, url: "http://127.0.0.1:9/hook")
        try await world.send("hello", from: user, to: bot)
        return (world, bot)
    }

    @Test func aLeaseIsTakenRenewedAndTakenOverOnlyAfterItExpires() async throws {
        let (world, bot) = try await Self.botWithUpdate()
        let engine = world.engine, id = bot.id
        #expect(try await engine.maintainWebhookLeases(holder: "a", held: [:], wanted: [id], now: 1000, duration: 4000) == [id: 1])
        // Held by A: B gets nothing, before and at the last millisecond.
        #expect(try await engine.maintainWebhookLeases(holder: "b", held: [:], wanted: [id], now: 2000, duration: 4000) == [:])
        // A renews (same term), which moves the expiry on.
        #expect(try await engine.maintainWebhookLeases(holder: "a", held: [id: 1], wanted: [id], now: 3000, duration: 4000) == [id: 1])
        #expect(try await engine.webhookLeases() == [WebhookLeaseRecord(botID: id, holder: "a", term: 1, expiresAt: 7000)])
        #expect(try await engine.maintainWebhookLeases(holder: "b", held: [:], wanted: [id], now: 6999, duration: 4000) == [:])
        // A stops renewing: at its expiry B takes it, in a new term.
        #expect(try await engine.maintainWebhookLeases(holder: "b", held: [:], wanted: [id], now: 7000, duration: 4000) == [id: 2])
        #expect(try await engine.webhookLeases() == [WebhookLeaseRecord(botID: id, holder: "b", term: 2, expiresAt: 11000)])
        // A, back from a stall, cannot renew its old term: it learns that it lost the lease.
        #expect(try await engine.maintainWebhookLeases(holder: "a", held: [id: 1], wanted: [id], now: 7500, duration: 4000) == [:])
        #expect(try await engine.webhookLeases().map(\.holder) == ["b"])
    }

    @Test func anExpiredLeaseNobodyTookIsRenewedInTheSameTerm() async throws {
        let (world, bot) = try await Self.botWithUpdate()
        let engine = world.engine, id = bot.id
        #expect(try await engine.maintainWebhookLeases(holder: "a", held: [:], wanted: [id], now: 1000, duration: 100) == [id: 1])
        #expect(try await engine.maintainWebhookLeases(holder: "a", held: [id: 1], wanted: [id], now: 5000, duration: 100) == [id: 1])
        #expect(try await engine.webhookLeases() == [WebhookLeaseRecord(botID: id, holder: "a", term: 1, expiresAt: 5100)])
    }

    @Test func aReleasedLeaseIsFreeAtOnceAndOnlyItsHolderReleasesIt() async throws {
        let (world, bot) = try await Self.botWithUpdate()
        let engine = world.engine, id = bot.id
        #expect(try await engine.maintainWebhookLeases(holder: "a", held: [:], wanted: [id], now: 1000, duration: 4000) == [id: 1])
        // Releasing a term that is not the current one (or another holder's) does nothing.
        try await engine.releaseWebhookLeases([WebhookLease(botID: id, holder: "a", term: 7), WebhookLease(botID: id, holder: "b", term: 1)])
        #expect(try await engine.webhookLeases().count == 1)
        try await engine.releaseWebhookLeases([WebhookLease(botID: id, holder: "a", term: 1)])
        #expect(try await engine.webhookLeases().isEmpty)
        #expect(try await engine.maintainWebhookLeases(holder: "b", held: [:], wanted: [id], now: 1001, duration: 4000) == [id: 1])
        // A lease the instance no longer wants (its webhook went away) is released by the round.
        #expect(try await engine.maintainWebhookLeases(holder: "b", held: [id: 1], wanted: [], now: 1002, duration: 4000) == [:])
        #expect(try await engine.webhookLeases().isEmpty)
    }

    @Test func onAStoreNoOtherProcessUsesALeaseLeftBehindIsTakenAtOnce() async throws {
        let (world, bot) = try await Self.botWithUpdate()
        let engine = world.engine, id = bot.id
        #expect(try await engine.maintainWebhookLeases(holder: "old-run", held: [:], wanted: [id], now: 1000, duration: 4000) == [id: 1])
        #expect(
            try await engine.maintainWebhookLeases(holder: "new-run", held: [:], wanted: [id], now: 1001, duration: 4000, exclusive: true)
                == [id: 2])
        #expect(engine.store.isSharedWithOtherInstances == (TestStores.databaseURL != nil))
    }

    @Test func aHolderThatLostItsLeaseCanNeitherReadNorConfirm() async throws {
        let (world, bot) = try await Self.botWithUpdate()
        let engine = world.engine, id = bot.id
        let a = WebhookLease(botID: id, holder: "a", term: 1), b = WebhookLease(botID: id, holder: "b", term: 2)
        #expect(try await engine.maintainWebhookLeases(holder: "a", held: [:], wanted: [id], now: 1000, duration: 4000) == [id: 1])
        let pending = try await engine.pendingDeliveries(botID: id, limit: 10, lease: a)
        #expect(pending.count == 1)
        #expect(try await engine.maintainWebhookLeases(holder: "b", held: [:], wanted: [id], now: 5000, duration: 4000) == [id: 2])
        // A delivered the update before stalling; its confirmation is refused and the update
        // stays queued for B, which delivers it again.
        await #expect(throws: WebhookLeaseLost(botID: id)) {
            try await engine.confirmDeliveries(botID: id, updateIDs: pending.map(\.updateID), lease: a)
        }
        await #expect(throws: WebhookLeaseLost(botID: id)) { try await engine.pendingDeliveries(botID: id, limit: 10, lease: a) }
        #expect(try await world.webhookInfo(bot).pendingUpdateCount == 1)
        #expect(try await engine.pendingDeliveries(botID: id, limit: 10, lease: b) == pending)
        try await engine.confirmDeliveries(botID: id, updateIDs: pending.map(\.updateID), lease: b)
        #expect(try await world.webhookInfo(bot).pendingUpdateCount == 0)
    }

    @Test func aHolderThatLostItsLeaseRecordsNoDeliveryError() async throws {
        let (world, bot) = try await Self.botWithUpdate()
        let engine = world.engine, id = bot.id
        let generation = try #require(try await engine.webhookTarget(botID: id)).generation
        let a = WebhookLease(botID: id, holder: "a", term: 1), b = WebhookLease(botID: id, holder: "b", term: 2)
        #expect(try await engine.maintainWebhookLeases(holder: "a", held: [:], wanted: [id], now: 1000, duration: 4000) == [id: 1])
        #expect(try await engine.maintainWebhookLeases(holder: "b", held: [:], wanted: [id], now: 5000, duration: 4000) == [id: 2])
        // The stalled former holder's failure is not what the bot's webhook shows.
        try await engine.recordWebhookError(botID: id, generation: generation, message: "Connection refused", lease: a)
        #expect(try await world.webhookInfo(bot).lastErrorMessage == nil)
        try await engine.recordWebhookError(botID: id, generation: generation, message: "Read timeout expired", lease: b)
        #expect(try await world.webhookInfo(bot).lastErrorMessage == "Read timeout expired")
    }

    @Test func aHolderThatReleasedItsLeaseStillConfirmsItsLastDeliveries() async throws {
        let (world, bot) = try await Self.botWithUpdate()
        let engine = world.engine, id = bot.id
        let a = WebhookLease(botID: id, holder: "a", term: 1)
        #expect(try await engine.maintainWebhookLeases(holder: "a", held: [:], wanted: [id], now: 1000, duration: 4000) == [id: 1])
        let pending = try await engine.pendingDeliveries(botID: id, limit: 10, lease: a)
        // deleteWebhook: the round releases the lease while the stopping worker confirms.
        #expect(try await engine.maintainWebhookLeases(holder: "a", held: [id: 1], wanted: [], now: 1500, duration: 4000) == [:])
        try await engine.confirmDeliveries(botID: id, updateIDs: pending.map(\.updateID), lease: a)
        #expect(try await world.webhookInfo(bot).pendingUpdateCount == 0)
    }

    // MARK: Dispatchers

    /// Short leases for tests: taken over 600 ms after the holder stops renewing.
    static let fastLeases = (duration: Duration.milliseconds(600), renewInterval: Duration.milliseconds(150))

    static func dispatcher(
        _ world: WebhookWorld, instance: String, policy: WebhookDeliveryPolicy = WebhookWorld.fastPolicy
    ) -> WebhookDispatcher {
        var logger = Logger(label: "webhooks-test")
        logger.logLevel = .warning
        return WebhookDispatcher(
            engine: world.engine, policy: policy,
            leases: WebhookLeaseOptions(duration: fastLeases.duration, renewInterval: fastLeases.renewInterval, instanceID: instance),
            logger: logger)
    }

    /// A bot whose webhook is a fresh loopback receiver, and a user; stop the receiver after.
    static func botWithReceiver(
        _ world: WebhookWorld
    ) async throws -> (bot: WebhookWorld.Account, user: WebhookWorld.Account, receiver: TestReceiver) {
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let receiver = TestReceiver()
        let port = try await receiver.start()
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/hook")
        return (bot, user, receiver)
    }

    @Test func theDispatcherHoldsTheLeaseWhileItRunsAndReleasesItWhenItStops() async throws {
        let world = try WebhookWorld()
        let (bot, user, receiver) = try await Self.botWithReceiver(world)
        defer { Task { await receiver.stop() } }
        let dispatcher = Self.dispatcher(world, instance: "solo")
        let task = Task { try await dispatcher.run() }
        try await world.send("one", from: user, to: bot)
        try await receiver.waitFor { $0.count == 1 }
        #expect(try await world.engine.webhookLeases().map(\.holder) == ["solo"])
        // Renewed while it runs: the expiry keeps moving on.
        let first = try #require(try await world.engine.webhookLeases().first).expiresAt
        try await Task.sleep(for: .milliseconds(400))
        #expect(try #require(try await world.engine.webhookLeases().first).expiresAt > first)
        task.cancel()
        try await task.value
        #expect(try await world.engine.webhookLeases().isEmpty)
        #expect(receiver.requests.map(\.text) == ["one"])
    }
}

/// Two instances (engines) on one PostgreSQL world, each with its own dispatcher.
@Suite(.enabled(if: TestStores.databaseURL != nil, "needs BOTAPI_TEST_DATABASE"), .timeLimit(.minutes(1)))
struct WebhookLeaseInstancesTests {
    @Test func onlyOneInstanceDeliversAndTheOtherTakesOverWhenItStops() async throws {
        let a = try WebhookWorld()
        let b = try WebhookWorld(path: a.path, clock: a.clock)
        let followers = [Task { await a.engine.followOtherInstances() }, Task { await b.engine.followOtherInstances() }]
        defer { for follower in followers { follower.cancel() } }
        let (bot, user, receiver) = try await WebhookLeaseTests.botWithReceiver(a)
        defer { Task { await receiver.stop() } }
        let dispatcherA = WebhookLeaseTests.dispatcher(a, instance: "a"), dispatcherB = WebhookLeaseTests.dispatcher(b, instance: "b")
        let runA = Task { try await dispatcherA.run() }
        // A takes the lease first; B then finds it held.
        try await eventually { try await a.engine.webhookLeases().map(\.holder) == ["a"] }
        let runB = Task { try await dispatcherB.run() }
        for index in 0..<20 {
            // Written through both instances.
            try await (index.isMultiple(of: 2) ? a : b).send("m\(index)", from: user, to: bot)
        }
        try await receiver.waitFor { $0.count >= 20 }
        try await Task.sleep(for: .milliseconds(300))
        #expect(receiver.requests.map(\.text) == (0..<20).map { "m\($0)" })
        // A stops cleanly and releases: B takes over and delivers what follows.
        runA.cancel()
        try await runA.value
        try await b.send("after", from: user, to: bot)
        try await receiver.waitFor { $0.count >= 21 }
        #expect(receiver.requests.map(\.text).last == "after")
        #expect(try await b.engine.webhookLeases().map(\.holder) == ["b"])
        runB.cancel()
        try await runB.value
        #expect(receiver.requests.count == 21)
    }
}

extension WebhookLeaseInstancesTests {
    @Test func aWebhookSetAndDeletedOnAnotherInstanceIsFollowed() async throws {
        let a = try WebhookWorld()
        let b = try WebhookWorld(path: a.path, clock: a.clock)
        let followers = [Task { await a.engine.followOtherInstances() }, Task { await b.engine.followOtherInstances() }]
        defer { for follower in followers { follower.cancel() } }
        // LISTEN starts on a connection of its own: give it a moment.
        try await Task.sleep(for: .seconds(1))
        let bot = try await a.createBot()
        let user = try await a.createUser()
        let receiver = TestReceiver()
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        // Only B delivers; the webhook is set and deleted through A. B re-reads webhooks only
        // every minute, so it follows A's changes by their signal.
        var policy = WebhookWorld.fastPolicy
        policy.resyncInterval = .seconds(60)
        let dispatcher = WebhookLeaseTests.dispatcher(b, instance: "b", policy: policy)
        let run = Task { try await dispatcher.run() }
        try await a.setWebhook(bot, url: "http://127.0.0.1:\(port)/hook")
        try await eventually { try await b.engine.webhookLeases().map(\.holder) == ["b"] }
        try await a.send("one", from: user, to: bot)
        try await receiver.waitFor { $0.count == 1 }
        try await a.deleteWebhook(bot)
        // B gives the lease back, and the next update stays queued for getUpdates.
        try await eventually { try await b.engine.webhookLeases().isEmpty }
        try await a.send("two", from: user, to: bot)
        try await Task.sleep(for: .milliseconds(300))
        #expect(receiver.requests.map(\.text) == ["one"])
        #expect(try await a.webhookInfo(bot).pendingUpdateCount == 1)
        run.cancel()
        try await run.value
    }
}

/// Waits (bounded, 10 s) until `condition` holds.
private func eventually(_ condition: @Sendable () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw TestTimeout("condition never held") }
        try await Task.sleep(for: .milliseconds(20))
    }
}
