import CoreMetrics
import Foundation
import GRDB
import Synchronization

/// Batches concurrent write transactions into one SQLite transaction ("group commit").
///
/// With `synchronous = FULL` every commit waits for the disk, so committing each request
/// on its own caps throughput at the disk's flush rate. Here, writes that arrive while a
/// commit is in flight wait for it to finish and then share the next one. Each write still
/// runs in its own savepoint, so one that fails rolls back alone and gets its own error, and
/// every caller is answered only after the commit that contains its changes.
///
/// Post-commit effects (``StoreWriter/afterCommit(_:)``) of a batch run after its commit in
/// the order the writes ran, before any caller is answered; a write whose savepoint rolled
/// back drops its own.
final class GroupCommit: Sendable {
    private let pool: DatabasePool
    private let checkpointer: Checkpointer?
    private let savepointForSingleWrite: Bool
    private let pending = PendingWrites<any PendingWrite>()
    /// Where batches are committed. A serial queue running GRDB's synchronous write, instead
    /// of a task awaiting its async one, saves two thread hops on every commit's way in and
    /// out (they showed in the latency of an idle server's single request).
    private let queue = DispatchQueue(label: "botapi.group-commit")
    /// Writes per commit, and how long each commit took (`/metrics`).
    private let batchSizes: Recorder
    private let commitDurations: CoreMetrics.Timer

    init(
        pool: DatabasePool, checkpointer: Checkpointer? = nil, tuning: SQLiteTuning = .current,
        metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        batchSizes = Recorder(label: "botapi_store_commit_batch_size", dimensions: [], aggregate: true, factory: metrics)
        commitDurations = CoreMetrics.Timer(label: "botapi_store_commit_duration_seconds", dimensions: [], factory: metrics)
        self.pool = pool
        self.checkpointer = checkpointer
        savepointForSingleWrite = tuning.savepointForSingleWrite
    }

    /// Runs `body` in the next batch and returns its value once that batch is committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database, CommitEffects) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            if pending.enqueue(TypedPendingWrite(body: body, continuation: continuation)) {
                queue.async { self.drain() }
            }
        }
    }

    /// Commits batches until no write is waiting.
    private func drain() {
        while true {
            let batch = pending.nextBatch()
            guard !batch.isEmpty else { return }
            let started = ContinuousClock.now
            do {
                try pool.write { db in
                    if batch.count == 1 && !savepointForSingleWrite {
                        // Alone in its transaction, a failing write rolls back the whole
                        // transaction and gets its own error as the commit error.
                        try batch[0].executeAlone(in: db)
                    } else {
                        for write in batch { write.execute(in: db) }
                    }
                }
                let elapsed = ContinuousClock.now - started
                commitDurations.recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
                batchSizes.record(batch.count)
                for write in batch { write.runEffects() }
                for write in batch { write.complete(commitError: nil) }
                checkpointer?.didCommit(writes: batch.count)
            } catch {
                for write in batch { write.complete(commitError: error) }
            }
        }
    }
}

/// A write waiting for its batch, with its result type erased.
private protocol PendingWrite: Sendable {
    /// Runs the body inside a savepoint of the batch's transaction and keeps its outcome.
    func execute(in db: Database)
    /// Runs the body directly in the batch's transaction, throwing its error.
    func executeAlone(in db: Database) throws
    /// Runs the post-commit effects the body registered, if it succeeded.
    func runEffects()
    /// Answers the caller once the batch's commit succeeded or failed.
    func complete(commitError: (any Error)?)
}

private final class TypedPendingWrite<T: Sendable>: WriteCompletion<T>, PendingWrite, @unchecked Sendable {
    let body: @Sendable (Database, CommitEffects) throws -> T

    init(body: @escaping @Sendable (Database, CommitEffects) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        super.init(continuation: continuation)
    }

    func execute(in db: Database) {
        var value: T?
        do {
            try db.inSavepoint {
                value = try body(db, effects)
                return .commit
            }
            outcome = .success(value!)
        } catch {
            effects.discard()
            outcome = .failure(error)
        }
    }

    func executeAlone(in db: Database) throws {
        do {
            outcome = .success(try body(db, effects))
        } catch {
            effects.discard()
            outcome = .failure(error)
            throw error
        }
    }
}

/// The post-commit effects one write registered (``StoreWriter/afterCommit(_:)``).
final class CommitEffects: @unchecked Sendable {
    // Unchecked: used only on the writer's queue, by the write's body and then by the
    // drain loop after the commit, never concurrently.
    private var effects: [@Sendable () -> Void] = []

    func append(_ effect: @escaping @Sendable () -> Void) { effects.append(effect) }

    func discard() { effects = [] }

    func run() {
        let effects = self.effects
        self.effects = []
        for effect in effects { effect() }
    }
}
