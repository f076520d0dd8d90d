/// Requests per second at a fixed number of keep-alive connections, with the CPU that the
/// server and the generator used meanwhile (both share the machine's cores).
struct ThroughputOutcome: Sendable {
    let load: LoadGenerator.Result
    /// Cores the server kept busy on average during the run (1.0 = one core).
    let serverCores: Double
    /// Cores the benchmark process (the load generator) kept busy.
    let generatorCores: Double

    var details: String {
        "\(Format.count(load.succeeded)) answers in \(String(format: "%.1f", load.window.seconds)) s, "
            + "\(load.failed) failed, latency \(load.latencies.summary); CPU: server \(Format.cores(serverCores)) cores, "
            + "generator \(Format.cores(generatorCores)) cores"
            + (load.firstFailure.map { "; first failure: \($0)" } ?? "")
    }

    /// Runs `load` and measures the CPU both processes used while it ran.
    static func measure(server: ServerProcess, _ load: () async -> LoadGenerator.Result) async -> ThroughputOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let serverBefore = server.cpuTime()
        let ownBefore = ProcStatus.ownCPUTime()
        let result = await load()
        let wall = (clock.now - start).seconds
        return ThroughputOutcome(
            load: result,
            serverCores: (server.cpuTime() - serverBefore).seconds / wall,
            generatorCores: (ProcStatus.ownCPUTime() - ownBefore).seconds / wall)
    }
}

/// (a) The ceiling: GET /health, a constant answer that touches neither the engine nor the
/// database, so it measures HTTP handling alone on this machine.
struct CeilingScenario {
    let connections: Int
    let warmup: Duration
    let duration: Duration

    func run(_ environment: BenchEnvironment, server: ServerProcess) async throws -> ThroughputOutcome {
        let pool = try await environment.openConnections(connections)
        let request = HTTPRequest.get("/health", host: environment.server.host)
        let outcome = await ThroughputOutcome.measure(server: server) {
            await LoadGenerator.run(connections: pool, warmup: warmup, duration: duration) { _ in request }
        }
        await environment.close(pool)
        return outcome
    }
}

/// Bots that may write to users: each user pressed Start in its own bot's chat.
struct BotUserPairs: Sendable {
    let bots: [Account]
    let users: [Account]

    /// Creates `count` bots and `count` users, and has user *i* start bot *i*.
    static func create(_ count: Int, in environment: BenchEnvironment) async throws -> BotUserPairs {
        let bots = try await environment.createBots(count, prefix: "load")
        let users = try await environment.createUsers(count, prefix: "Reader")
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for (bot, user) in zip(bots, users) {
                tasks.addTask { try await environment.withClient { try await $0.startBot(user: user, botID: bot.id) } }
            }
            try await tasks.waitForAll()
        }
        return BotUserPairs(bots: bots, users: users)
    }

    /// Bot *i* writes to user *i*; one such request per connection.
    func sendMessage(index: Int, host: String) -> HTTPRequest {
        let pair = index % bots.count
        return .post(
            "/bot\(bots[pair].token)/sendMessage",
            form: ["chat_id": String(users[pair].id), "text": "Benchmark message: the quick brown fox jumps over the lazy dog."],
            host: host)
    }
}

/// (b) sendMessage from bots to users: every answer means the message and the user's
/// update are committed durably (the server's group commit, synchronous=FULL).
struct SendMessageScenario {
    let pairs: BotUserPairs
    let warmup: Duration
    let duration: Duration

    func run(_ environment: BenchEnvironment, server: ServerProcess) async throws -> ThroughputOutcome {
        let pool = try await environment.openConnections(pairs.bots.count)
        let host = environment.server.host
        let outcome = await ThroughputOutcome.measure(server: server) {
            await LoadGenerator.run(connections: pool, warmup: warmup, duration: duration) { index in
                pairs.sendMessage(index: index, host: host)
            }
        }
        await environment.close(pool)
        return outcome
    }
}
