import BotAPI
import CoreMetrics
import Engine
import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Webhook delivery: POSTs every bot's queued updates to its webhook URL while one is set.
///
/// Run it next to the HTTP server for the life of the process:
///
/// ```swift
/// let dispatcher = WebhookDispatcher(engine: engine)
/// try await withThrowingDiscardingTaskGroup { group in
///     group.addTask { try await dispatcher.run() }
///     try await app.runService()
///     group.cancelAll()
/// }
/// ```
///
/// `run()` registers the dispatcher as the engine's ``WebhookObserver``, resumes delivery for
/// every bot that has a webhook (updates left unconfirmed before a restart are sent again),
/// and then follows every setWebhook/deleteWebhook: a changed setting stops the bot's old
/// worker at once (in-flight requests are cancelled; their updates stay queued) and starts
/// a new one. Each bot has its own worker and connections, so a slow or unreachable webhook
/// never delays another bot.
public final class WebhookDispatcher: WebhookObserver, Sendable {
    private enum Control: Sendable {
        case changed(Int64)
        case resync
    }

    private let engine: Engine
    private let policy: WebhookDeliveryPolicy
    private let group: any EventLoopGroup
    private let logger: Logger
    private let events: AsyncStream<Control>
    private let continuation: AsyncStream<Control>.Continuation
    private let started = Mutex(false)
    private let metrics: DeliveryMetrics

    /// - Parameters:
    ///   - policy: retry and timeout rules; ``WebhookDeliveryPolicy/official`` by default.
    ///   - eventLoopGroup: where connections live; NIO's shared singleton by default.
    ///   - metrics: where deliveries and failed attempts are counted.
    public init(
        engine: Engine,
        policy: WebhookDeliveryPolicy = .official, eventLoopGroup: (any EventLoopGroup)? = nil,
        logger: Logger = Logger(label: "botapi.webhooks"), metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        self.metrics = DeliveryMetrics(factory: metrics)
        self.engine = engine
        self.policy = policy
        group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        self.logger = logger
        (events, continuation) = AsyncStream<Control>.makeStream()
    }

    /// Called by the engine after every setWebhook/deleteWebhook commit.
    public func webhookDidChange(botID: Int64) {
        continuation.yield(.changed(botID))
    }

    private struct Running {
        let target: WebhookTarget
        let task: Task<Void, Never>
    }

    /// Delivers until the surrounding task is cancelled, then stops every worker and
    /// returns. Call it once.
    public func run() async throws {
        let first = started.withLock { started -> Bool in
            defer { started = true }
            return !started
        }
        precondition(first, "WebhookDispatcher.run() may be called only once")
        engine.setWebhookObserver(self)
        defer { engine.setWebhookObserver(nil) }

        var running: [Int64: Running] = [:]
        // Registered first, read second: a change committed in between is also queued as an
        // event, so none is missed.
        await resync(&running)
        let continuation = self.continuation
        let interval = policy.resyncInterval
        let ticker = Task {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                continuation.yield(.resync)
            }
        }
        defer { ticker.cancel() }

        for await event in events {
            if Task.isCancelled { break }
            switch event {
            case .changed(let botID):
                do {
                    let target = try await engine.webhookTarget(botID: botID)
                    apply(target, botID: botID, to: &running)
                } catch {
                    logger.error("reading the webhook of bot \(botID) failed: \(error)")
                }
            case .resync:
                await resync(&running)
            }
        }
        for worker in running.values { worker.task.cancel() }
        for worker in running.values { await worker.task.value }
    }

    /// Brings the workers in line with every stored webhook.
    private func resync(_ running: inout [Int64: Running]) async {
        do {
            let targets = try await engine.webhookTargets()
            let byBot = Dictionary(targets.map { ($0.botID, $0) }, uniquingKeysWith: { _, last in last })
            for botID in Set(running.keys).union(byBot.keys) {
                apply(byBot[botID], botID: botID, to: &running)
            }
        } catch {
            logger.error("reading webhooks failed: \(error)")
        }
    }

    /// Starts, restarts or stops the bot's worker so it matches `target`.
    private func apply(_ target: WebhookTarget?, botID: Int64, to running: inout [Int64: Running]) {
        let current = running[botID]
        if current?.target == target { return }
        current?.task.cancel()
        running[botID] = nil
        guard let target else {
            logger.info("webhook removed; delivery stopped", metadata: ["bot_id": "\(botID)"])
            return
        }
        logger.info("delivering to webhook", metadata: ["bot_id": "\(botID)", "generation": "\(target.generation)"])
        let worker = BotWorker(target: target, engine: engine, group: group, policy: policy, metrics: metrics, logger: logger)
        let previous = current?.task
        running[botID] = Running(
            target: target,
            task: Task {
                // The old worker must be gone first: one waiter per bot on the update hub.
                await previous?.value
                guard !Task.isCancelled else { return }
                await worker.run()
            })
    }
}

/// What webhook delivery counts for `/metrics`.
struct DeliveryMetrics: Sendable {
    /// Updates a webhook answered with 2xx.
    let delivered: Counter
    /// Attempts that failed (connection, TLS, timeout, non-2xx); each is retried or dropped.
    let failedAttempts: Counter

    init(factory: any MetricsFactory) {
        delivered = Counter(label: "botapi_webhook_deliveries_total", dimensions: [("result", "delivered")], factory: factory)
        failedAttempts = Counter(label: "botapi_webhook_deliveries_total", dimensions: [("result", "failed")], factory: factory)
    }
}
