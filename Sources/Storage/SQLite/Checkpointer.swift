import Foundation
import GRDB
import Synchronization

/// Copies the WAL back into the database file on its own connection and thread, so the
/// committing writer does not pay for checkpoints (and their `fdatasync` of the database
/// file) while requests wait on its commit.
///
/// PASSIVE checkpoints never block the writer or readers. Under constant load one may not
/// reach the end of the WAL; the writer's own (raised) auto-checkpoint bounds the WAL then.
final class Checkpointer: Sendable {
    private struct State {
        var writesSinceCheckpoint = 0
        var isRunning = false
    }

    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "botapi.checkpoint")
    private let everyWrites: Int
    private let state = Mutex(State())

    /// - Parameter durable: false for a throwaway world: checkpoints skip their fsyncs too.
    init(path: String, everyWrites: Int, durable: Bool = true) throws {
        let configuration = SQLiteTuning.configuration(
            label: "botapi.checkpoint", pragma: durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF")
        connection = try DatabaseQueue(path: path, configuration: configuration)
        self.everyWrites = everyWrites
    }

    /// Counts committed writes and starts a checkpoint once enough accumulated.
    func didCommit(writes: Int) {
        let start = state.withLock { state -> Bool in
            state.writesSinceCheckpoint += writes
            guard state.writesSinceCheckpoint >= everyWrites, !state.isRunning else { return false }
            state.writesSinceCheckpoint = 0
            state.isRunning = true
            return true
        }
        guard start else { return }
        queue.async { [self] in
            // A failed checkpoint loses nothing: the frames stay in the WAL for the next one.
            _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            state.withLock { $0.isRunning = false }
        }
    }
}
