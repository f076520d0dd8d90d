import Synchronization

/// Writes waiting for the next group commit, and whether a loop is draining them: what the
/// SQLite and PostgreSQL group commits share.
final class PendingWrites<Write: Sendable>: Sendable {
    private struct State {
        var pending: [Write] = []
        var isDraining = false
    }

    private let state = Mutex(State())

    /// Queues `write`; true when the caller must start the drain loop (none runs).
    func enqueue(_ write: Write) -> Bool {
        state.withLock { state in
            state.pending.append(write)
            if state.isDraining { return false }
            state.isDraining = true
            return true
        }
    }

    /// Every write waiting now; empty, and the drain loop must end, when none is.
    func nextBatch() -> [Write] {
        state.withLock { state in
            let batch = state.pending
            state.pending = []
            if batch.isEmpty { state.isDraining = false }
            return batch
        }
    }
}

/// One write's caller, outcome and post-commit effects while its batch commits.
class WriteCompletion<T: Sendable>: @unchecked Sendable {
    // Unchecked: `outcome` is written while the write runs and read after its batch's
    // commit, by the one drain loop, never concurrently.
    let continuation: CheckedContinuation<T, any Error>
    var outcome: Result<T, any Error>?
    let effects = CommitEffects()

    init(continuation: CheckedContinuation<T, any Error>) {
        self.continuation = continuation
    }

    /// Runs the post-commit effects the write registered, if it succeeded.
    func runEffects() {
        if case .success = outcome { effects.run() }
    }

    /// Answers the caller once the batch's commit succeeded or failed.
    func complete(commitError: (any Error)?) {
        if let commitError {
            continuation.resume(throwing: commitError)
        } else {
            continuation.resume(with: outcome ?? .failure(CancellationError()))
        }
    }
}
