import NIOCore
import Synchronization

/// (d) Many bots waiting in getUpdates at once: what each parked call costs the server in
/// memory, and how fast one of them wakes up among all the others.
///
/// Each bot has its own connection, as real bots do. Memory per parked request is the
/// growth of the server's resident memory from before the connections were opened to when
/// all calls are parked, divided by their number: it includes the connection, the request
/// in flight and the waiting getUpdates.
struct ParkedPollsScenario {
    struct Outcome: Sendable {
        let parked: Int
        let residentBefore: Int
        /// With every connection open but no request sent yet: separates what a keep-alive
        /// connection costs from what the parked call on it adds.
        let residentConnected: Int
        let residentParked: Int
        /// Calls that answered before being woken: each one is a call that was not parked.
        let answeredEarly: Int
        let wakeups: LatencySamples
        /// Server file descriptors before, while parked, and 2 s after the benchmark closed
        /// its connections: shows whether the server lets go of abandoned long polls.
        let openFiles: (before: Int, parked: Int, afterClose: Int)
        let residentAfterClose: Int

        /// The whole cost of one parked call: its connection and the call on it.
        var bytesPerParked: Double { Double(residentParked - residentBefore) / Double(parked) }
        var bytesPerConnection: Double { Double(residentConnected - residentBefore) / Double(parked) }
        /// What the parked call adds to its idle keep-alive connection (issue 16's measure).
        var bytesPerParkedBeyondConnection: Double { Double(residentParked - residentConnected) / Double(parked) }
    }

    let count: Int
    let wakeups: Int
    /// The getUpdates timeout: long enough to outlast the whole scenario.
    var pollTimeout = 50

    func run(_ environment: BenchEnvironment, server: ServerProcess) async throws -> Outcome {
        progress("(d) creating \(count) bots")
        let bots = try await environment.createBots(count, prefix: "p")
        let waker = try await environment.withClient { try await $0.createUser(firstName: "Waker") }
        await server.waitUntilIdle()
        let residentBefore = server.residentBytes()
        let filesBefore = server.openFileCount()

        progress("(d) opening \(count) connections and parking a getUpdates on each")
        let connections = try await environment.openConnections(count)
        await server.waitUntilIdle()
        let residentConnected = server.residentBytes()
        let host = environment.server.host
        let answeredEarly = Counter()
        var parked: [EventLoopFuture<HTTPResponse>] = []
        parked.reserveCapacity(count)
        for (bot, connection) in zip(bots, connections) {
            let answer = connection.send(.get("/bot\(bot.token)/getUpdates?timeout=\(pollTimeout)", host: host))
            answer.whenComplete { _ in answeredEarly.increment() }
            parked.append(answer)
        }
        await server.waitUntilIdle(quiet: .milliseconds(500), timeout: .seconds(30))
        let residentParked = server.residentBytes()
        let filesParked = server.openFileCount()
        let early = answeredEarly.value
        progress("(d) parked; RSS \(Format.megabytes(residentBefore)) → \(Format.megabytes(residentParked)), \(early) answered early")

        // Wake bots spread over the whole set, one at a time, each from the same user.
        var latencies = LatencySamples()
        try await environment.withClient { client in
            for sample in 0..<min(wakeups, count) {
                let index = sample * count / min(wakeups, count)
                let send = HTTPRequest.post(
                    "/user\(waker.token)/sendMessage", form: ["chat_id": String(bots[index].id), "text": "wake up"], host: host)
                let sent = try await client.connection.send(send, timeout: .seconds(10)).get()
                let answer = try await parked[index].get(timeout: .seconds(10))
                guard sent.status == .ok, answer.status == .ok, !UpdateIDs.all(in: answer.body).isEmpty else {
                    throw BenchError("wake-up: sendMessage \(sent.status.code) \(sent.text.prefix(200)); "
                        + "getUpdates \(answer.status.code) \(answer.text.prefix(200))")
                }
                latencies.record(Duration(answer.receivedAt - sent.sentAt))
            }
        }

        await environment.close(connections)
        try await Task.sleep(for: .seconds(2))
        return Outcome(
            parked: count, residentBefore: residentBefore, residentConnected: residentConnected,
            residentParked: residentParked, answeredEarly: early,
            wakeups: latencies, openFiles: (filesBefore, filesParked, server.openFileCount()),
            residentAfterClose: server.residentBytes())
    }
}

/// A thread-safe count.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)

    func increment() {
        count.add(1, ordering: .relaxed)
    }

    var value: Int { count.load(ordering: .relaxed) }
}
