import Synchronization

/// Wakes parked long polls when their recipient gets new updates.
///
/// Each recipient has a version that grows with every commit that gives it updates. A
/// getUpdates call reads the version *before* it looks at its queue and parks with that
/// version; if updates were committed in between, the versions differ and it returns at
/// once, so no wake-up is ever lost. At most one call per recipient is parked: a newer one
/// ends the older with ``WaitOutcome/replaced`` (the official 409).
public final class UpdateHub: Sendable {
    /// How a parked wait ended.
    public enum WaitOutcome: Sendable, Equatable {
        case updatesArrived
        case timedOut
        /// Another call parked for the same recipient.
        case replaced
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<WaitOutcome, Never>
        var timer: Task<Void, Never>?
    }

    private struct Slot {
        var version: UInt64 = 0
        var waiter: Waiter?
    }

    private struct State {
        var slots: [Int64: Slot] = [:]
        var nextWaiterID: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// The recipient's current version; read it before querying the queue.
    public func version(of recipient: Int64) -> UInt64 {
        state.withLock { $0.slots[recipient]?.version ?? 0 }
    }

    /// Records that the recipients got updates and wakes their parked calls.
    public func notify<S: Sequence<Int64>>(_ recipients: S) {
        var woken: [Waiter] = []
        state.withLock { state in
            for recipient in recipients {
                state.slots[recipient, default: Slot()].version &+= 1
                if let waiter = state.slots[recipient]?.waiter {
                    woken.append(waiter)
                    state.slots[recipient]?.waiter = nil
                }
            }
        }
        for waiter in woken {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: .updatesArrived)
        }
    }

    /// Ends the recipient's parked call, if any, with `outcome`.
    public func endParkedCall(of recipient: Int64, outcome: WaitOutcome = .replaced) {
        let waiter = state.withLock { state -> Waiter? in
            defer { state.slots[recipient]?.waiter = nil }
            return state.slots[recipient]?.waiter
        }
        waiter?.timer?.cancel()
        waiter?.continuation.resume(returning: outcome)
    }

    /// Parks until the recipient's version moves past `seenVersion`, `timeout` passes, the
    /// task is cancelled, or a newer call parks.
    public func wait(recipient: Int64, seenVersion: UInt64, timeout: Duration) async -> WaitOutcome {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiterID &+= 1
            return state.nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<WaitOutcome, Never>) in
                var replaced: Waiter?
                // A task cancelled before it parks would find no waiter to end: don't park.
                let cancelled = Task.isCancelled
                let parked = state.withLock { state -> Bool in
                    var slot = state.slots[recipient, default: Slot()]
                    guard slot.version == seenVersion, !cancelled else { return false }
                    replaced = slot.waiter
                    slot.waiter = Waiter(id: id, continuation: continuation, timer: nil)
                    state.slots[recipient] = slot
                    return true
                }
                if let replaced {
                    replaced.timer?.cancel()
                    replaced.continuation.resume(returning: .replaced)
                }
                guard parked else {
                    continuation.resume(returning: cancelled ? .timedOut : .updatesArrived)
                    return
                }
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    guard !Task.isCancelled else { return }
                    self?.finish(recipient: recipient, waiterID: id, with: .timedOut)
                }
                let stillParked = state.withLock { state -> Bool in
                    guard state.slots[recipient]?.waiter?.id == id else { return false }
                    state.slots[recipient]?.waiter?.timer = timer
                    return true
                }
                if !stillParked { timer.cancel() }
            }
        } onCancel: {
            finish(recipient: recipient, waiterID: id, with: .timedOut)
        }
    }

    private func finish(recipient: Int64, waiterID: UInt64, with outcome: WaitOutcome) {
        let waiter = state.withLock { state -> Waiter? in
            guard let waiter = state.slots[recipient]?.waiter, waiter.id == waiterID else { return nil }
            state.slots[recipient]?.waiter = nil
            return waiter
        }
        waiter?.timer?.cancel()
        waiter?.continuation.resume(returning: outcome)
    }
}
