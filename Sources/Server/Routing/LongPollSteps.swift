import NIOCore
import Synchronization

/// Runs the engine steps of the ``LongPollHandler``s, at most ``limit`` at a time.
///
/// Each step runs on a task, and a task's frames live in allocator slabs that are freed when
/// it ends. A burst of long polls (every bot of a deployment reconnecting at once) would
/// start thousands of such tasks together, most of them waiting for the store; freed, their
/// slabs stay behind in the heap's high-water mark and so in the process's resident memory.
/// Here a step that finds ``limit`` others running waits as a closure of a few words, and
/// the running tasks take the waiting steps in order before they end.
final class LongPollSteps: Sendable {
    typealias Step = @Sendable () async -> Void

    /// Steps running at once: enough to keep the store's readers and the writer busy.
    let limit: Int

    private struct State {
        var running = 0
        var waiting = CircularBuffer<Step>()
    }

    private let state = Mutex(State())

    init(limit: Int = 64) {
        self.limit = limit
    }

    /// Runs `step` now, or once a running step has ended.
    func run(_ step: @escaping Step) {
        let startsNow = state.withLock { state -> Bool in
            guard state.running < limit else {
                state.waiting.append(step)
                return false
            }
            state.running += 1
            return true
        }
        guard startsNow else { return }
        Task {
            var next: Step? = step
            while let current = next {
                await current()
                next = state.withLock { state -> Step? in
                    if let waiting = state.waiting.popFirst() { return waiting }
                    state.running -= 1
                    return nil
                }
            }
        }
    }
}
