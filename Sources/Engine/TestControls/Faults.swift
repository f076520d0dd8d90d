import Synchronization

/// Faults a test injected (`injectFault`, admin): the next calls of a method answer a given
/// error instead of running, so a bot's retry code can be tested against the official
/// envelope (429 with `retry_after` and the Retry-After header, 500, 502…); or they answer
/// late; or the next webhook deliveries to a bot are lost on the way.
///
/// Kept in memory, per instance: a test control, not part of the world, so snapshots and
/// restarts do not carry them.
final class Faults: Sendable {
    /// One injected fault.
    struct Fault: Sendable {
        /// What it hits.
        enum Target: Equatable, Sendable {
            /// Calls of this Bot API method (its canonical name).
            case method(String)
            /// Webhook deliveries: each one hit is lost as if the connection broke, and is
            /// retried on the official schedule.
            case webhookDelivery
        }

        let target: Target
        /// Only this bot's calls or deliveries; nil for every bot.
        let botID: Int64?
        /// The call waits this long before answering (or running).
        let delay: Duration?
        /// The answer instead of running the call; nil: the call runs (after `delay`).
        let error: APIError?
        /// Calls still to hit.
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

    /// The fault for this call of `method` by `botID`, if one is waiting for it: the
    /// oldest matching fault, one call used up.
    func take(method: String, botID: Int64) -> Fault? {
        take(.method(method), botID: botID)
    }

    /// Whether the next webhook delivery to `botID` is to be lost (one delivery used up).
    func takeWebhookDrop(botID: Int64) -> Bool {
        take(.webhookDelivery, botID: botID) != nil
    }

    private func take(_ target: Fault.Target, botID: Int64) -> Fault? {
        guard waiting.load(ordering: .relaxed) > 0 else { return nil }
        return faults.withLock { faults in
            guard let index = faults.firstIndex(where: { $0.target == target && ($0.botID == nil || $0.botID == botID) }) else {
                return nil
            }
            faults[index].remaining -= 1
            let fault = faults[index]
            if faults[index].remaining == 0 {
                faults.remove(at: index)
                waiting.store(faults.count, ordering: .relaxed)
            }
            return fault
        }
    }
}
