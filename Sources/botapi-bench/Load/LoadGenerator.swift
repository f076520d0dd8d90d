import NIOCore

/// A closed-loop load generator: each connection has exactly one request in flight and
/// sends the next one the moment the previous answer arrives, like `wrk`.
///
/// The loop runs entirely on the connections' event loop, chaining futures instead of
/// awaiting in tasks. On this 2-core machine the generator competes with the server for
/// CPU, so every microsecond it saves per request is a microsecond the server gets.
enum LoadGenerator {
    /// What one phase of load produced.
    struct Result: Sendable {
        /// Requests answered with 200 inside the measurement window.
        var succeeded = 0
        /// Requests answered with another status, or lost with their connection (warm-up included).
        var failed = 0
        /// Requests answered with 200 at any time, warm-up included.
        var succeededInTotal = 0
        /// The first unexpected answer, to explain failures.
        var firstFailure: String?
        /// Latency of each request counted in `succeeded`.
        var latencies = LatencySamples()
        /// The measurement window (the run's length minus its warm-up).
        var window: Duration = .zero

        var requestsPerSecond: Double { window > .zero ? Double(succeeded) / window.seconds : 0 }

        mutating func merge(_ other: Result) {
            succeeded += other.succeeded
            failed += other.failed
            succeededInTotal += other.succeededInTotal
            firstFailure = firstFailure ?? other.firstFailure
            latencies.merge(other.latencies)
        }
    }

    /// Drives every connection with its request until `warmup + duration` has passed or
    /// `maxRequests` were sent in all, whichever comes first.
    ///
    /// Only answers that arrive after the warm-up and before the end count. A connection
    /// that stops answering is closed `grace` after the end, which ends its loop too, so
    /// the call always returns.
    ///
    /// - Parameter request: the request for connection number `index`.
    static func run(
        connections: [HTTPConnection],
        warmup: Duration,
        duration: Duration,
        maxRequests: Int = .max,
        grace: Duration = .seconds(5),
        request: (_ index: Int) -> HTTPRequest
    ) async -> Result {
        let start = NIODeadline.now()
        let measureFrom = start + TimeAmount(warmup)
        let stopAt = measureFrom + TimeAmount(duration)
        let budget = Budget(total: maxRequests, connections: connections.count)
        var loops: [EventLoopFuture<Result>] = []
        for (index, connection) in connections.enumerated() {
            let promise = connection.eventLoop.makePromise(of: Result.self)
            let request = request(index)
            let share = budget.share(of: index)
            connection.eventLoop.execute {
                ClosedLoop(
                    connection: connection, request: request, measureFrom: measureFrom, stopAt: stopAt,
                    budget: share, done: promise
                ).next()
            }
            loops.append(promise.futureResult)
        }
        let watchdog = Task {
            try await Task.sleep(for: warmup + duration + grace)
            for connection in connections { await connection.close() }
        }
        var total = Result()
        for loop in loops {
            if let result = try? await loop.get() { total.merge(result) }
        }
        watchdog.cancel()
        // A count-bounded run may end early: the window is what actually elapsed.
        let end = min(NIODeadline.now(), stopAt)
        total.window = end > measureFrom ? Duration(end - measureFrom) : .zero
        return total
    }

    /// Splits a request budget evenly over the connections.
    private struct Budget {
        let total: Int
        let connections: Int

        func share(of index: Int) -> Int {
            guard total != .max else { return .max }
            return total / connections + (index < total % connections ? 1 : 0)
        }
    }
}

/// One connection's loop. Confined to the connection's event loop.
private final class ClosedLoop {
    let connection: HTTPConnection
    let request: HTTPRequest
    let measureFrom: NIODeadline
    let stopAt: NIODeadline
    var budget: Int
    let done: EventLoopPromise<LoadGenerator.Result>
    var result = LoadGenerator.Result()

    init(
        connection: HTTPConnection, request: HTTPRequest, measureFrom: NIODeadline, stopAt: NIODeadline, budget: Int,
        done: EventLoopPromise<LoadGenerator.Result>
    ) {
        self.connection = connection
        self.request = request
        self.measureFrom = measureFrom
        self.stopAt = stopAt
        self.budget = budget
        self.done = done
    }

    func next() {
        guard budget > 0, NIODeadline.now() < stopAt else {
            done.succeed(result)
            return
        }
        budget -= 1
        connection.send(request).assumeIsolated().whenComplete { outcome in
            switch outcome {
            case .success(let response):
                self.record(response)
                self.next()
            case .failure(let error):
                // The connection is gone; a failed send completes at once, so looping on
                // would spin until the deadline.
                self.result.failed += 1
                self.result.firstFailure = self.result.firstFailure ?? "\(error)"
                self.done.succeed(self.result)
            }
        }
    }

    private func record(_ response: HTTPResponse) {
        guard response.status == .ok else {
            result.failed += 1
            if result.firstFailure == nil {
                result.firstFailure = "HTTP \(response.status.code): \(response.text.prefix(200))"
            }
            return
        }
        result.succeededInTotal += 1
        if response.receivedAt >= measureFrom && response.receivedAt <= stopAt {
            result.succeeded += 1
            result.latencies.record(Duration(response.receivedAt - response.sentAt))
        }
    }
}
