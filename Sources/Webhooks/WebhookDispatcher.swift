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
/// and then follows every setWebhook/deleteWebhook, made here or on another instance: a
/// changed setting stops the bot's old worker at once (in-flight requests are cancelled;
/// their updates stay queued) and starts a new one. Each bot has its own worker and
/// connections, so a slow or unreachable webhook never delays another bot.
///
/// Several instances sharing one database each run a dispatcher; a bot's worker runs only on
/// the instance holding the bot's delivery lease (``WebhookLeaseOptions``). Every
/// `renewInterval` one transaction renews this instance's leases and takes those that
/// expired (their holder died); a worker whose lease is lost stops, and its unconfirmed
/// updates are delivered again by the new holder. On a clean shutdown the leases are
/// released, so the other instances take over at their next round.
public final class WebhookDispatcher: WebhookObserver, Sendable {
    private enum Control: Sendable {
        case changed(Int64)
        case resync
        case renewLeases
    }

    private let engine: Engine
    private let policy: WebhookDeliveryPolicy
    private let leaseOptions: WebhookLeaseOptions
    private let group: any EventLoopGroup
    private let logger: Logger
    private let events: AsyncStream<Control>
    private let continuation: AsyncStream<Control>.Continuation
    private let started = Mutex(false)
    private let metrics: DeliveryMetrics

    /// - Parameters:
    ///   - policy: retry and timeout rules; ``WebhookDeliveryPolicy/official`` by default.
    ///   - leases: lease timing and this instance's id.
    ///   - eventLoopGroup: where connections live; NIO's shared singleton by default.
    ///   - metrics: where deliveries and failed attempts are counted.
    public init(
        engine: Engine,
        policy: WebhookDeliveryPolicy = .official, leases: WebhookLeaseOptions = WebhookLeaseOptions(),
        eventLoopGroup: (any EventLoopGroup)? = nil,
        logger: Logger = Logger(label: "botapi.webhooks"), metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        self.metrics = DeliveryMetrics(factory: metrics)
        self.engine = engine
        self.policy = policy
        leaseOptions = leases
        group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        var logger = logger
        logger[metadataKey: "instance"] = "\(leases.instanceID)"
        self.logger = logger
        (events, continuation) = AsyncStream<Control>.makeStream()
    }

    /// This instance's id in the lease table.
    public var instanceID: String { leaseOptions.instanceID }

    /// Called by the engine after every setWebhook/deleteWebhook commit (of this instance or,
    /// through its signal, of another).
    public func webhookDidChange(botID: Int64) {
        continuation.yield(.changed(botID))
    }

    public func webhooksNeedRereading() {
        continuation.yield(.resync)
    }

    private struct Running {
        let target: WebhookTarget
        let lease: HeldLease
        let task: Task<Void, Never>
    }

    /// What the dispatcher's loop keeps: the webhooks it knows, the leases it holds, the
    /// workers it runs.
    private struct State {
        var targets: [Int64: WebhookTarget] = [:]
        var leases: [Int64: HeldLease] = [:]
        var running: [Int64: Running] = [:]
    }

    /// Delivers until the surrounding task is cancelled, then stops every worker, releases
    /// its leases and returns. Call it once.
    public func run() async throws {
        let first = started.withLock { started -> Bool in
            defer { started = true }
            return !started
        }
        precondition(first, "WebhookDispatcher.run() may be called only once")
        engine.setWebhookObserver(self)
        defer { engine.setWebhookObserver(nil) }

        var state = State()
        // Registered first, read second: a change committed in between is also queued as an
        // event, so none is missed.
        await resync(&state)
        let continuation = self.continuation
        let tickers = [(policy.resyncInterval, Control.resync), (leaseOptions.renewInterval, Control.renewLeases)].map { interval, event in
            Task {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: interval) } catch { return }
                    continuation.yield(event)
                }
            }
        }
        defer { for ticker in tickers { ticker.cancel() } }

        for await event in events {
            if Task.isCancelled { break }
            switch event {
            case .changed(let botID):
                do {
                    state.targets[botID] = try await engine.webhookTarget(botID: botID)
                } catch {
                    logger.error("reading the webhook of bot \(botID) failed: \(error)")
                }
                await maintainLeases(&state)
                apply(&state)
            case .resync:
                await resync(&state)
            case .renewLeases:
                await maintainLeases(&state)
                apply(&state)
            }
        }
        for worker in state.running.values { worker.task.cancel() }
        for worker in state.running.values { await worker.task.value }
        // Not cancelled with this task: the release must reach the store.
        let engine = self.engine, logger = self.logger
        let held = state.leases.values.map(\.lease)
        await Task {
            do { try await engine.releaseWebhookLeases(held) } catch { logger.error("releasing webhook leases failed: \(error)") }
        }.value
    }

    /// Reads every stored webhook again, then brings leases and workers in line.
    private func resync(_ state: inout State) async {
        do {
            let targets = try await engine.webhookTargets()
            state.targets = Dictionary(targets.map { ($0.botID, $0) }, uniquingKeysWith: { _, last in last })
        } catch {
            logger.error("reading webhooks failed: \(error)")
        }
        await maintainLeases(&state)
        apply(&state)
    }

    /// One round of lease upkeep: renews the held leases, takes free or expired ones for the
    /// known webhooks, releases those of removed webhooks. A failed round changes nothing
    /// here; leases whose renewal is late stop their workers from sending (``HeldLease``).
    private func maintainLeases(_ state: inout State) async {
        let wanted = Set(state.targets.keys)
        guard !wanted.isEmpty || !state.leases.isEmpty else { return }
        let began = ContinuousClock.now
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        let holder = leaseOptions.instanceID
        let held: [Int64: Int64]
        do {
            held = try await engine.maintainWebhookLeases(
                holder: holder, held: state.leases.mapValues(\.term), wanted: wanted, now: now,
                duration: leaseOptions.durationMilliseconds, exclusive: !engine.store.isSharedWithOtherInstances)
        } catch {
            logger.error("renewing webhook delivery leases failed: \(error)")
            return
        }
        let validUntil = began + leaseOptions.locallyValid
        var leases: [Int64: HeldLease] = [:]
        for (botID, term) in held {
            if let lease = state.leases[botID], lease.term == term {
                lease.extend(until: validUntil)
                leases[botID] = lease
            } else {
                logger.info("webhook lease taken", metadata: ["bot_id": "\(botID)", "term": "\(term)"])
                leases[botID] = HeldLease(WebhookLease(botID: botID, holder: holder, term: term), validUntil: validUntil)
            }
        }
        for (botID, lease) in state.leases where leases[botID] !== lease {
            lease.revoke()
            if wanted.contains(botID) {
                logger.warning("webhook lease lost to another instance", metadata: ["bot_id": "\(botID)", "term": "\(lease.term)"])
            }
        }
        state.leases = leases
    }

    /// Starts, restarts or stops workers so that exactly the bots with a known webhook and a
    /// held lease have one, for their current setting and lease term.
    private func apply(_ state: inout State) {
        for botID in Set(state.running.keys).union(state.targets.keys) {
            let target = state.targets[botID], lease = target == nil ? nil : state.leases[botID]
            let current = state.running[botID]
            if let current, current.target == target, current.lease === lease { continue }
            current?.task.cancel()
            state.running[botID] = nil
            guard let target, let lease else {
                if current != nil {
                    logger.info(
                        target == nil ? "webhook removed; delivery stopped" : "delivery stopped; another instance holds the lease",
                        metadata: ["bot_id": "\(botID)"])
                }
                continue
            }
            logger.info(
                "delivering to webhook", metadata: ["bot_id": "\(botID)", "generation": "\(target.generation)", "term": "\(lease.term)"])
            let worker = BotWorker(
                target: target, lease: lease, engine: engine, group: group, policy: policy, metrics: metrics, logger: logger)
            let previous = current?.task
            state.running[botID] = Running(
                target: target, lease: lease,
                task: Task {
                    // The old worker must be gone first: one waiter per bot on the update hub.
                    await previous?.value
                    guard !Task.isCancelled else { return }
                    await worker.run()
                })
        }
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
