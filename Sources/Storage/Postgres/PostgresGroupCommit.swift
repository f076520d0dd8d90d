import CoreMetrics
import Foundation
import Synchronization

/// Batches concurrent writes into one PostgreSQL transaction ("group commit"), as
/// ``GroupCommit`` does for SQLite.
///
/// A durable COMMIT waits for PostgreSQL's WAL flush, and every write holds the world's
/// advisory lock from its first statement to its COMMIT, so one commit per write caps
/// throughput at the flush rate. Here, writes that arrive while a batch is in flight share
/// the next one: one BEGIN, one advisory lock, one COMMIT (and one flush) for all of them.
/// Each write runs in its own savepoint, so one that fails rolls back alone and gets its own
/// error; its post-commit effects and signals to other instances are dropped with it. The
/// signals of the batch's writes go out in one `pg_notify` statement before COMMIT, in the
/// writes' order, and reach the other instances at COMMIT. Every caller is answered only
/// after the commit that contains its changes, once the batch's effects ran in order.
final class PostgresGroupCommit: Sendable {
    private let writer: PostgresSession
    private let lockKey: Int64
    private let channel: String
    private let sender: String
    private let pending = PendingWrites<any PostgresPendingWrite>()
    private let batchSizes: Recorder
    private let commitDurations: CoreMetrics.Timer

    /// - Parameters:
    ///   - lockKey: the world's write lock (``PostgresSchema/lockKey(_:schema:)``).
    ///   - channel: the NOTIFY channel of the world; `sender` prefixes every signal.
    init(writer: PostgresSession, lockKey: Int64, channel: String, sender: String, metrics: any MetricsFactory) {
        self.writer = writer
        self.lockKey = lockKey
        self.channel = channel
        self.sender = sender
        batchSizes = Recorder(label: "botapi_store_commit_batch_size", dimensions: [], aggregate: true, factory: metrics)
        commitDurations = CoreMetrics.Timer(label: "botapi_store_commit_duration_seconds", dimensions: [], factory: metrics)
    }

    /// Runs `body` in the next batch and returns its value once that batch is committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresTransaction) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            if pending.enqueue(TypedPostgresPendingWrite(body: body, continuation: continuation)) {
                writer.queue.async { self.drain() }
            }
        }
    }

    /// Commits batches until no write is waiting; on the writer's queue.
    private func drain() {
        while true {
            let batch = pending.nextBatch()
            guard !batch.isEmpty else { return }
            let started = ContinuousClock.now
            do {
                let tx = try writer.transaction()
                try tx.transaction("BEGIN") {
                    try tx.run("SELECT pg_advisory_xact_lock(\(lockKey))")
                    if batch.count == 1 {
                        // Alone in its transaction, a failing write rolls the transaction
                        // back and gets its own error as the commit's: no savepoint needed.
                        try batch[0].executeAlone(in: tx)
                    } else {
                        for write in batch { write.execute(in: tx) }
                    }
                    let texts = batch.flatMap { $0.committedSignals() }
                    if !texts.isEmpty {
                        try tx.run("SELECT pg_notify(\(channel), \(sender) || ' ' || s) FROM unnest(\(texts)::text[]) WITH ORDINALITY AS t(s, n) ORDER BY n")
                    }
                }
                let elapsed = ContinuousClock.now - started
                commitDurations.recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
                batchSizes.record(batch.count)
                // Before any caller is answered and before the next batch begins: effects
                // run in commit order.
                for write in batch { write.runEffects() }
                for write in batch { write.complete(commitError: nil) }
            } catch {
                for write in batch { write.complete(commitError: error) }
            }
        }
    }
}

/// A write waiting for its batch, with its result type erased.
private protocol PostgresPendingWrite: Sendable {
    /// Runs the body in a savepoint of the batch's transaction and keeps its outcome.
    func execute(in tx: PostgresTransaction)
    /// Runs the body directly in the batch's transaction, throwing its error.
    func executeAlone(in tx: PostgresTransaction) throws
    /// The signals to other instances the body sent, if it succeeded.
    func committedSignals() -> [String]
    /// Runs the post-commit effects the body registered, if it succeeded.
    func runEffects()
    /// Answers the caller once the batch's commit succeeded or failed.
    func complete(commitError: (any Error)?)
}

private final class TypedPostgresPendingWrite<T: Sendable>: WriteCompletion<T>, PostgresPendingWrite, @unchecked Sendable {
    let body: @Sendable (PostgresTransaction) throws -> T
    let signals = SignalBuffer()

    init(body: @escaping @Sendable (PostgresTransaction) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        super.init(continuation: continuation)
    }

    private func run(in tx: PostgresTransaction) throws -> T {
        var tx = tx
        tx.effects = effects
        tx.signals = signals
        return try body(tx)
    }

    func execute(in tx: PostgresTransaction) {
        do {
            try tx.run("SAVEPOINT write")
            let value = try run(in: tx)
            try tx.run("RELEASE SAVEPOINT write")
            outcome = .success(value)
        } catch {
            // Undoes this write alone; if even that fails (a lost connection), the COMMIT
            // fails too and every write of the batch gets that error.
            _ = try? tx.run("ROLLBACK TO SAVEPOINT write")
            dropEffects()
            outcome = .failure(error)
        }
    }

    func executeAlone(in tx: PostgresTransaction) throws {
        do {
            outcome = .success(try run(in: tx))
        } catch {
            dropEffects()
            outcome = .failure(error)
            throw error
        }
    }

    private func dropEffects() {
        effects.discard()
        _ = signals.take()
    }

    func committedSignals() -> [String] {
        guard case .success = outcome else { return [] }
        return signals.take()
    }
}
