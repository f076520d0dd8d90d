import Synchronization

/// Wakes parked long polls when their recipient gets new updates.
///
/// Each recipient has a version that grows with every commit that gives it updates. A
/// getUpdates call reads the version *before* it looks at its queue and parks with that
/// version; if updates were committed in between, the versions differ and it returns at
/// once, so no wake-up is ever lost. At most one call per recipient is parked: a newer one
/// ends the older with ``WaitOutcome/replaced`` (the official 409).
///
/// Timeouts share one sleeping task for the whole hub (it sleeps until the earliest
/// deadline) instead of one timer task per parked call: with thousands of parked calls the
/// per-call tasks were a large part of each call's memory.
public final class UpdateHub: Sendable {
    /// How a parked wait ended.
    public enum WaitOutcome: Sendable, Equatable {
        case updatesArrived
        case timedOut
        /// Another call parked for the same recipient.
        case replaced
        /// The world was replaced by a snapshot (`restoreSnapshot`).
        case worldRestored
        /// The server is stopping (``stopParking()``).
        case serverStopping
    }

    /// What ``park(recipient:seenVersion:deadline:wake:)`` did.
    public enum ParkResult: Sendable {
        /// Parked: `wake` will be called, unless ``cancel(_:)`` takes it first.
        case parked(Ticket)
        /// Not parked, and `wake` will not be called: the wait is already over, with this
        /// outcome (updates arrived since the version was read, or the server is stopping).
        case ended(WaitOutcome)
    }

    private struct Waiter {
        let id: UInt64
        let deadline: ContinuousClock.Instant
        /// Called once, outside the lock, when the wait ends.
        let wake: @Sendable (WaitOutcome) -> Void
    }

    /// A parked waiter, for ``cancel(_:)``.
    public struct Ticket: Sendable {
        fileprivate let recipient: Int64
        fileprivate let id: UInt64
    }

    private struct Slot {
        var version: UInt64 = 0
        var waiter: Waiter?
        /// ``oldestPendingSeen(by:)``.
        var oldestPendingSeen: Int64?
    }

    private struct Sleeper {
        let generation: UInt64
        let until: ContinuousClock.Instant
        let task: Task<Void, Never>
    }

    private struct State {
        var slots: [Int64: Slot] = [:]
        var nextWaiterID: UInt64 = 0
        var parkedCount = 0
        /// Every parked call's deadline, plus stale entries of calls that already ended
        /// (skipped when they come due, dropped when they outnumber the live ones).
        var deadlines = DeadlineHeap()
        var sleeper: Sleeper?
        var nextSleeperGeneration: UInt64 = 0
        /// Set by ``stopParking()``: nothing parks any more.
        var isStopped = false

        /// Removes and returns the recipient's waiter if it is `id` (any waiter when nil).
        mutating func takeWaiter(of recipient: Int64, id: UInt64? = nil) -> Waiter? {
            guard let waiter = slots[recipient]?.waiter, id == nil || waiter.id == id else { return nil }
            slots[recipient]?.waiter = nil
            parkedCount -= 1
            return waiter
        }
    }

    private let state = Mutex(State())

    public init() {}

    /// The recipient's current version; read it before querying the queue.
    public func version(of recipient: Int64) -> UInt64 {
        state.withLock { $0.slots[recipient]?.version ?? 0 }
    }

    /// The oldest update id the recipient's last getUpdates read on this instance found
    /// pending; nil when it found none. A hint, never an answer: an offset above it confirms
    /// something, so such a call goes to the writer at once instead of trying a read first.
    func oldestPendingSeen(by recipient: Int64) -> Int64? {
        state.withLock { $0.slots[recipient]?.oldestPendingSeen }
    }

    /// Records what a getUpdates read of the recipient found (``oldestPendingSeen(by:)``).
    func notePendingSeen(from updateID: Int64?, by recipient: Int64) {
        state.withLock { state in
            guard updateID != nil || state.slots[recipient] != nil else { return }
            state.slots[recipient, default: Slot()].oldestPendingSeen = updateID
        }
    }

    /// Whether a call of the recipient is parked right now.
    public func isParked(_ recipient: Int64) -> Bool {
        state.withLock { $0.slots[recipient]?.waiter != nil }
    }

    /// How many calls are parked, over all recipients.
    public var parkedCount: Int {
        state.withLock { $0.parkedCount }
    }

    /// Records that the recipients got updates and wakes their parked calls.
    public func notify<S: Sequence<Int64>>(_ recipients: S) {
        var woken: [Waiter] = []
        state.withLock { state in
            for recipient in recipients {
                state.slots[recipient, default: Slot()].version &+= 1
                if let waiter = state.takeWaiter(of: recipient) { woken.append(waiter) }
            }
        }
        for waiter in woken {
            waiter.wake(.updatesArrived)
        }
    }

    /// Ends the recipient's parked call, if any, with `outcome`.
    public func endParkedCall(of recipient: Int64, outcome: WaitOutcome = .replaced) {
        let waiter = state.withLock { $0.takeWaiter(of: recipient) }
        waiter?.wake(outcome)
    }

    /// Ends every parked call with `outcome`, and moves every version so that a call about
    /// to park looks at its queue again first.
    public func endAllParkedCalls(outcome: WaitOutcome) {
        let waiters = state.withLock { state -> [Waiter] in
            var waiters: [Waiter] = []
            for recipient in Array(state.slots.keys) {
                state.slots[recipient]?.version &+= 1
                if let waiter = state.takeWaiter(of: recipient) { waiters.append(waiter) }
            }
            return waiters
        }
        for waiter in waiters { waiter.wake(outcome) }
    }

    /// Parks until the recipient's version moves past `seenVersion`, `timeout` passes, the
    /// task is cancelled, or a newer call parks.
    public func wait(recipient: Int64, seenVersion: UInt64, timeout: Duration) async -> WaitOutcome {
        let id = newWaiterID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<WaitOutcome, Never>) in
                // A task cancelled before it parks would find no waiter to end: don't park.
                guard !Task.isCancelled else { return continuation.resume(returning: .timedOut) }
                let ended = park(id: id, recipient: recipient, seenVersion: seenVersion, deadline: .now + timeout) { outcome in
                    continuation.resume(returning: outcome)
                }
                if let ended { continuation.resume(returning: ended) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.takeWaiter(of: recipient, id: id) }
            waiter?.wake(.timedOut)
        }
    }

    /// Parks a callback instead of a task: `wake` is called once, from any thread, with how
    /// the wait ended, unless ``cancel(_:)`` takes the waiter first.
    public func park(
        recipient: Int64, seenVersion: UInt64, deadline: ContinuousClock.Instant, wake: @escaping @Sendable (WaitOutcome) -> Void
    ) -> ParkResult {
        let id = newWaiterID()
        if let ended = park(id: id, recipient: recipient, seenVersion: seenVersion, deadline: deadline, wake: wake) {
            return .ended(ended)
        }
        return .parked(Ticket(recipient: recipient, id: id))
    }

    /// Ends every parked call with ``WaitOutcome/serverStopping``, and every later wait at
    /// once: a stopping server then drains its connections instead of holding each until
    /// its long poll times out (up to 50 s).
    public func stopParking() {
        // Once set, nothing parks (``park(id:recipient:seenVersion:deadline:wake:)`` checks
        // under the same lock), so ending the waiters parked until now ends them all.
        state.withLock { $0.isStopped = true }
        endAllParkedCalls(outcome: .serverStopping)
    }

    /// Removes a waiter parked by ``park(recipient:seenVersion:deadline:wake:)``; its `wake`
    /// will not be called. False when it had already been woken.
    @discardableResult
    public func cancel(_ ticket: Ticket) -> Bool {
        state.withLock { $0.takeWaiter(of: ticket.recipient, id: ticket.id) } != nil
    }

    private func newWaiterID() -> UInt64 {
        state.withLock { state -> UInt64 in
            state.nextWaiterID &+= 1
            return state.nextWaiterID
        }
    }

    /// Parks the waiter and returns nil, or returns how the wait is already over (the version
    /// moved, the server is stopping); a waiter it replaces is woken with
    /// ``WaitOutcome/replaced``.
    private func park(
        id: UInt64, recipient: Int64, seenVersion: UInt64, deadline: ContinuousClock.Instant,
        wake: @escaping @Sendable (WaitOutcome) -> Void
    ) -> WaitOutcome? {
        var replaced: Waiter?
        let ended = state.withLock { state -> WaitOutcome? in
            guard !state.isStopped else { return .serverStopping }
            guard state.slots[recipient, default: Slot()].version == seenVersion else { return .updatesArrived }
            replaced = state.takeWaiter(of: recipient)
            state.slots[recipient, default: Slot()].waiter = Waiter(id: id, deadline: deadline, wake: wake)
            state.parkedCount += 1
            state.deadlines.push(Deadline(at: deadline, recipient: recipient, waiterID: id))
            compactDeadlines(&state)
            if state.sleeper.map({ deadline < $0.until }) ?? true {
                state.sleeper?.task.cancel()
                startSleeper(until: deadline, in: &state)
            }
            return nil
        }
        replaced?.wake(.replaced)
        return ended
    }

    // MARK: Timeouts

    /// Rebuilds the heap from the live waiters once stale entries (calls woken before their
    /// deadline) clearly outnumber them, so a busy hub's heap stays proportional to the
    /// parked calls.
    private func compactDeadlines(_ state: inout State) {
        guard state.deadlines.count > 1024 + 2 * state.parkedCount else { return }
        var heap = DeadlineHeap()
        for (recipient, slot) in state.slots {
            if let waiter = slot.waiter { heap.push(Deadline(at: waiter.deadline, recipient: recipient, waiterID: waiter.id)) }
        }
        state.deadlines = heap
    }

    /// Starts the task that ends timed-out calls, sleeping until `until` first.
    private func startSleeper(until: ContinuousClock.Instant, in state: inout State) {
        state.nextSleeperGeneration &+= 1
        let generation = state.nextSleeperGeneration
        let task = Task { [weak self] in
            var until = until
            while true {
                do { try await Task.sleep(until: until, clock: .continuous) } catch { return }
                guard let self, let next = self.expireDue(sleeperGeneration: generation) else { return }
                until = next
            }
        }
        state.sleeper = Sleeper(generation: generation, until: until, task: task)
    }

    /// Times out every call whose deadline passed and returns when to look again, or nil
    /// when the sleeper should stop (nothing is parked, or a newer sleeper took over).
    private func expireDue(sleeperGeneration: UInt64) -> ContinuousClock.Instant? {
        let now = ContinuousClock.now
        var expired: [Waiter] = []
        let next = state.withLock { state -> ContinuousClock.Instant? in
            guard state.sleeper?.generation == sleeperGeneration else { return nil }
            while let first = state.deadlines.first, first.at <= now {
                state.deadlines.removeFirst()
                if let waiter = state.takeWaiter(of: first.recipient, id: first.waiterID) { expired.append(waiter) }
            }
            guard let first = state.deadlines.first else {
                state.sleeper = nil
                return nil
            }
            state.sleeper = Sleeper(generation: sleeperGeneration, until: first.at, task: state.sleeper!.task)
            return first.at
        }
        for waiter in expired {
            waiter.wake(.timedOut)
        }
        return next
    }
}

/// When a parked call times out.
private struct Deadline {
    let at: ContinuousClock.Instant
    let recipient: Int64
    let waiterID: UInt64
}

/// A binary min-heap of deadlines, earliest first.
private struct DeadlineHeap {
    private var items: [Deadline] = []

    var count: Int { items.count }
    var first: Deadline? { items.first }

    mutating func push(_ item: Deadline) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].at < items[parent].at else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func removeFirst() {
        let last = items.removeLast()
        guard !items.isEmpty else { return }
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left].at < items[smallest].at { smallest = left }
            if right < items.count, items[right].at < items[smallest].at { smallest = right }
            if smallest == parent { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
