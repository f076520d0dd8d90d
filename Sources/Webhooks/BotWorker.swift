import BotAPI
import Engine
import Foundation
import Logging
import NIOCore

/// Delivers one bot's queue to one webhook setting (one ``WebhookTarget`` generation).
///
/// The worker keeps a window of the oldest pending updates (at least 100, or twice
/// `max_connections` as the official server loads), split into per-key queues. Each key has
/// at most one update in flight, which is retried until it is delivered or would expire, so
/// updates of one key arrive strictly in order; different keys go in parallel, with at most
/// `max_connections` requests open at once (the pool's limit). A retry waiting for its
/// backoff holds no connection.
///
/// Delivered updates are confirmed in batches: the 2xx answers that arrive while one
/// confirmation commits go into the next. Until its confirmation commits, a delivered update
/// stays in `known`, so a fetch that still sees it in the queue never sends it again; a crash
/// before the commit only means it is delivered again after the restart.
///
/// New updates are noticed through the engine's ``UpdateHub``: the version is read before
/// the queue, so a commit in between wakes the worker at once (no lost wake-ups).
///
/// The worker runs under this instance's delivery lease for the bot (``HeldLease``): no
/// request starts while its renewal is late, and once a read or confirmation finds that
/// another instance took the lease over, the worker stops without confirming anything more.
final class BotWorker: Sendable {
    let target: WebhookTarget
    private let lease: HeldLease
    private let engine: Engine
    private let pool: ConnectionPool?
    private let policy: WebhookDeliveryPolicy
    private let metrics: DeliveryMetrics
    private let logger: Logger
    private let window: Int
    private let executor: EventLoopExecutor

    init(
        target: WebhookTarget, lease: HeldLease, engine: Engine, group: any EventLoopGroup, policy: WebhookDeliveryPolicy,
        metrics: DeliveryMetrics, logger: Logger
    ) {
        self.target = target
        self.lease = lease
        self.engine = engine
        self.policy = policy
        self.metrics = metrics
        var logger = logger
        logger[metadataKey: "bot_id"] = "\(target.botID)"
        self.logger = logger
        window = max(100, 2 * target.maxConnections)
        let loop = group.next()
        executor = EventLoopExecutor(loop: loop)
        if let endpoint = WebhookEndpoint(url: target.url, fixedIP: target.ipAddress) {
            pool = ConnectionPool(
                endpoint: endpoint, certificate: target.certificate, maxConnections: target.maxConnections, group: loop, policy: policy)
        } else {
            pool = nil
        }
    }

    private enum Event: Sendable {
        case wake
        /// `done`: delivered or dropped as expired, so it leaves the queue; false when the
        /// worker was cancelled first.
        case finished(key: String, updateID: Int64, done: Bool)
        /// `lost`: another instance took the lease over; nothing was confirmed.
        case confirmed([Int64], lost: Bool)
    }

    /// Runs until cancelled; cancelling ends in-flight requests at once (their updates stay
    /// queued and are delivered again later). Everything runs on the event loop of the
    /// bot's connections.
    func run() async {
        await withTaskExecutorPreference(executor) { await runOnLoop() }
    }

    private func runOnLoop() async {
        defer { pool?.shutdown() }
        guard pool != nil else {
            logger.error("webhook URL cannot be parsed; nothing is delivered", metadata: ["url": "\(target.url)"])
            try? await engine.recordWebhookError(
                botID: target.botID, generation: target.generation, message: "Invalid webhook URL", lease: lease.lease)
            while !Task.isCancelled { try? await Task.sleep(for: policy.pollInterval) }
            return
        }
        let botID = target.botID
        let hub = engine.hub
        let pollInterval = policy.pollInterval
        await withTaskGroup(of: Event.self) { group in
            var queues: [String: [WebhookDelivery]] = [:]
            var busy: Set<String> = []
            /// Ids queued, in flight, or delivered and not yet confirmed.
            var known: Set<Int64> = []
            var toConfirm: [Int64] = []
            var confirming = false
            var needFetch = true
            var windowFull = false
            var waking = false
            var seenVersion: UInt64 = 0
            var lost = false

            delivering: while !Task.isCancelled {
                if needFetch {
                    seenVersion = hub.version(of: botID)
                    do {
                        let batch = try await engine.pendingDeliveries(
                            botID: botID, generation: target.generation, limit: window, lease: lease.lease)
                        windowFull = batch.count >= window
                        for delivery in batch where known.insert(delivery.updateID).inserted {
                            queues[delivery.key, default: []].append(delivery)
                        }
                        needFetch = false
                    } catch is WebhookLeaseLost {
                        lost = true
                        break delivering
                    } catch {
                        if Task.isCancelled { break }
                        logger.error("reading pending updates failed: \(error)")
                        try? await Task.sleep(for: .seconds(1))
                        continue
                    }
                }
                // Start the head of every idle key, oldest first.
                let ready = queues.filter { !busy.contains($0.key) && !$0.value.isEmpty }
                    .map { (key: $0.key, delivery: $0.value[0]) }
                    .sorted { $0.delivery.updateID < $1.delivery.updateID }
                for (key, delivery) in ready {
                    busy.insert(key)
                    group.addTask { [self] in
                        let done = await self.deliver(delivery)
                        return .finished(key: key, updateID: delivery.updateID, done: done)
                    }
                }
                if !confirming, !toConfirm.isEmpty {
                    confirming = true
                    let ids = toConfirm
                    toConfirm = []
                    group.addTask { [self] in
                        let lost = await !self.confirm(ids)
                        return .confirmed(ids, lost: lost)
                    }
                }
                if Task.isCancelled { break }
                if !waking {
                    waking = true
                    let version = seenVersion
                    group.addTask {
                        guard !Task.isCancelled else { return .wake }
                        // A stopping server parks nothing any more: wait out the interval here.
                        if await hub.wait(recipient: botID, seenVersion: version, timeout: pollInterval) == .serverStopping {
                            try? await Task.sleep(for: pollInterval)
                        }
                        return .wake
                    }
                }
                guard let event = await group.next() else { break }
                switch event {
                case .wake:
                    waking = false
                    needFetch = true
                case .finished(let key, let updateID, let done):
                    busy.remove(key)
                    if done { toConfirm.append(updateID) } else { known.remove(updateID) }
                    if var queue = queues[key] {
                        queue.removeAll { $0.updateID == updateID }
                        queues[key] = queue.isEmpty ? nil : queue
                    }
                case .confirmed(let ids, let leaseLost):
                    confirming = false
                    if leaseLost {
                        lost = true
                        break delivering
                    }
                    known.subtract(ids)
                    // More were waiting behind the window: load them once half of it is done.
                    if windowFull, known.count <= window / 2 { needFetch = true }
                }
            }
            group.cancelAll()
            // Deliveries that got their 2xx just before the cancellation are confirmed now,
            // before a successor worker (after setWebhook) reads the queue.
            while let event = await group.next() {
                if case .finished(_, let updateID, true) = event { toConfirm.append(updateID) }
                if case .confirmed(_, lost: true) = event { lost = true }
            }
            if lost {
                logger.warning("another instance took over delivery; this worker stops")
            } else {
                _ = await confirm(toConfirm)
            }
            if waking {
                // UpdateHub.wait can miss a cancellation that lands just before it parks; a
                // spurious wake-up (harmless to anyone else parked on this bot) ends it for sure.
                hub.notify([botID])
            }
        }
    }

    // MARK: One update

    private enum Attempt {
        case delivered(WebhookResponse)
        /// `message` nil: closed without a response, retried without recording an error.
        case failed(message: String?, retryAfter: Int?)
    }

    /// Delivers one update, retrying with the official backoff until it succeeds, would
    /// expire, or the worker is cancelled. Returns whether the update may leave the queue
    /// (delivered, or dropped because it would expire); the caller confirms it.
    private func deliver(_ delivery: WebhookDelivery) async -> Bool {
        var failures = 0
        while !Task.isCancelled {
            // Nothing is sent while this instance cannot be sure it still holds the lease.
            guard await lease.waitUntilValid() else { return false }
            switch await attempt(delivery) {
            case .delivered(let response):
                metrics.delivered.increment()
                await executeReply(in: response)
                return true
            case .failed(let message, let retryAfter):
                if Task.isCancelled { return false }
                metrics.failedAttempts.increment()
                failures += 1
                if let message {
                    logger.debug("delivery failed", metadata: ["update_id": "\(delivery.updateID)", "error": "\(message)"])
                    do {
                        try await engine.recordWebhookError(
                            botID: target.botID, generation: target.generation, message: message, lease: lease.lease)
                    } catch {
                        logger.error("recording the webhook error failed: \(error)")
                    }
                }
                let delay = policy.delay(afterFailure: failures, retryAfter: retryAfter)
                if engine.clock.now() + delay.wholeSecondsRoundedUp > delivery.expiresAt {
                    // The next attempt would come after the update expires: drop it now.
                    logger.debug("dropping undeliverable update", metadata: ["update_id": "\(delivery.updateID)"])
                    return true
                }
                if delay > .zero {
                    do { try await Task.sleep(for: delay) } catch { return false }
                }
            }
        }
        return false
    }

    /// One POST. A keep-alive connection that turns out to be closed already (nothing came
    /// back at all) is replaced once without counting as a failure.
    private func attempt(_ delivery: WebhookDelivery) async -> Attempt {
        guard let pool else { return .failed(message: "Invalid webhook URL", retryAfter: nil) }
        // A test asked for this delivery to be lost (`injectFault`): a broken connection.
        if engine.takeInjectedWebhookDrop(botID: target.botID) {
            return .failed(message: DeliveryErrors.injectedDropMessage, retryAfter: nil)
        }
        let request = pool.endpoint.request(body: delivery.body, secretToken: target.secretToken, allocator: ByteBufferAllocator())
        var retriedStale = false
        while true {
            do {
                let response = try await pool.withConnection { connection in
                    let wasUsed = connection.hasBeenUsed
                    do {
                        return try await connection.exchange(request, readTimeout: policy.readTimeout, maxBodySize: policy.maxResponseBodySize)
                    } catch ExchangeError.closedWithoutResponse(receivedBytes: false) where wasUsed && !retriedStale {
                        throw StaleConnection()
                    }
                }
                if (200...299).contains(response.status) { return .delivered(response) }
                var message = "Wrong response from the webhook: \(response.status)"
                if !response.reason.isEmpty { message += " \(response.reason)" }
                let retryAfter = response.header("retry-after").flatMap { Int($0.trimmingSpaces()) }
                return .failed(message: message, retryAfter: retryAfter)
            } catch is StaleConnection {
                retriedStale = true
                continue
            } catch {
                return .failed(message: DeliveryErrors.message(for: error), retryAfter: nil)
            }
        }
    }

    private struct StaleConnection: Error {}

    /// Removes delivered updates from the queue in one transaction. If that keeps failing
    /// they stay queued and are delivered again: a duplicate, never a loss. Returns false
    /// when another instance took the lease over (nothing was confirmed).
    private func confirm(_ updateIDs: [Int64]) async -> Bool {
        guard !updateIDs.isEmpty else { return true }
        for attempt in 1...3 {
            do {
                try await engine.confirmDeliveries(botID: target.botID, updateIDs: updateIDs, lease: lease.lease)
                return true
            } catch is WebhookLeaseLost {
                return false
            } catch {
                logger.error("confirming \(updateIDs.count) updates failed (attempt \(attempt)): \(error)")
                try? await Task.sleep(for: .milliseconds(100 * attempt))
            }
        }
        return true
    }

    /// A 2xx body carrying a `method` is run as a call of the bot (behaviour.md §4.5);
    /// empty bodies, `""` and `{}` are plain confirmations.
    private func executeReply(in response: WebhookResponse) async {
        guard response.bodyComplete, !response.body.isEmpty else { return }
        // A 2xx answer's body may call a method, parsed exactly as an incoming API request
        // (JSON, form or multipart); no `method` means a plain confirmation.
        guard let parameters = try? RequestParameters.parse(query: nil, contentType: response.header("content-type"), body: response.body),
              parameters["method"] != nil
        else { return }
        await engine.executeWebhookReply(target: target, parameters: parameters)
    }
}
