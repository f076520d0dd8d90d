import Synchronization

/// Faults a test injected (`injectFault`, admin): the next calls of a method answer a given
/// error instead of running, so a bot's retry code can be tested against the official
/// envelope (429 with `retry_after` and the Retry-After header, 500, 502…).
///
/// Kept in memory, per instance: a test control, not part of the world, so snapshots and
/// restarts do not carry them.
final class Faults: Sendable {
    /// One injected fault.
    struct Fault: Sendable {
        /// The canonical method name.
        let method: String
        /// Only this bot's calls; nil for every bot.
        let botID: Int64?
        let error: APIError
        /// Calls still to answer with `error`.
        var remaining: Int
    }

    private let faults = Mutex<[Fault]>([])
    /// How many faults wait, read without the lock: every bot call asks, and almost always
    /// none does.
    private let waiting = Atomic<Int>(0)

    func add(_ fault: Fault) {
        faults.withLock { faults in
            faults.append(fault)
            waiting.store(faults.count, ordering: .relaxed)
        }
    }

    /// The error for this call of `method` by `botID`, if a fault is waiting for it: the
    /// oldest matching fault, one call used up.
    func take(method: String, botID: Int64) -> APIError? {
        guard waiting.load(ordering: .relaxed) > 0 else { return nil }
        return faults.withLock { faults in
            guard let index = faults.firstIndex(where: { $0.method == method && ($0.botID == nil || $0.botID == botID) }) else {
                return nil
            }
            faults[index].remaining -= 1
            let error = faults[index].error
            if faults[index].remaining == 0 {
                faults.remove(at: index)
                waiting.store(faults.count, ordering: .relaxed)
            }
            return error
        }
    }
}
