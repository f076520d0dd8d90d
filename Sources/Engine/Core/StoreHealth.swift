import Synchronization

/// Whether the store answered its last health check, for `GET /health`.
///
/// The check runs on a timer (``Engine/watchStoreHealth(every:)``), not per request: `/health`
/// stays a constant-time answer (load balancers call it often, and the benchmark uses it as
/// the server's ceiling) while still telling a balancer to send no traffic to an instance
/// whose database is gone.
final class StoreHealth: Sendable {
    private let reachable = Atomic<Bool>(true)

    var isReachable: Bool { reachable.load(ordering: .relaxed) }

    /// Records a check's outcome; returns whether it changed.
    func record(reachable now: Bool) -> Bool {
        reachable.exchange(now, ordering: .relaxed) != now
    }
}

extension Engine {
    /// Whether the store answered its last health check (true until a check fails).
    public var storeIsReachable: Bool { storeHealth.isReachable }

    /// Checks the store now: one trivial read.
    public func checkStoreHealth() async {
        let reachable: Bool
        do {
            try await store.read { _ in () }
            reachable = true
        } catch {
            reachable = false
        }
        if storeHealth.record(reachable: reachable) {
            if reachable { logger.notice("the store answers again") } else { logger.error("the store does not answer") }
        }
    }

    /// Checks the store every `interval` until the task is cancelled (`botapi serve`).
    public func watchStoreHealth(every interval: Duration = .seconds(2)) async {
        while !Task.isCancelled {
            await checkStoreHealth()
            try? await Task.sleep(for: interval)
        }
    }
}
