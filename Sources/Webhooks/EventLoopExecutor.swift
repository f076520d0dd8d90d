import NIOCore

/// Runs tasks on one NIO event loop: a bot's worker, its deliveries and its connections then
/// share one thread, so awaiting an exchange resumes where the response was read instead of
/// waking a thread of the global pool (thread hand-offs were the largest cost of a delivery).
final class EventLoopExecutor: TaskExecutor, @unchecked Sendable {
    // Unchecked: the only state is the event loop, which is thread-safe.
    let loop: any EventLoop

    init(loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
