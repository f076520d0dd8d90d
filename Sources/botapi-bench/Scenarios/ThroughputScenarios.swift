/// Requests per second at a fixed number of keep-alive connections, with the CPU that the
/// server, the generator and other processes used meanwhile (all share the machine's cores).
struct ThroughputOutcome: Sendable {
    let load: LoadGenerator.Result
    let cpu: CPUUsage

    var details: String {
        "\(Format.count(load.succeeded)) answers in \(String(format: "%.1f", load.window.seconds)) s, "
            + "\(load.failed) failed, latency \(load.latencies.summary); \(cpu)"
            + (load.firstFailure.map { "; first failure: \($0)" } ?? "")
    }

    /// Runs `load` and measures the CPU used while it ran.
    static func measure(server: ServerProcess, _ load: () async -> LoadGenerator.Result) async -> ThroughputOutcome {
        await measure(servers: [server], load)
    }

    /// Runs `load` against several server processes and measures the CPU they used.
    static func measure(servers: [ServerProcess], _ load: () async -> LoadGenerator.Result) async -> ThroughputOutcome {
        let watch = CPUUsage.Watch(servers: servers)
        let result = await load()
        return ThroughputOutcome(load: result, cpu: watch.stop())
    }
}

/// (a) The ceiling: GET /health, a constant answer that touches neither the engine nor the
/// database, so it measures HTTP handling alone on this machine.
struct CeilingScenario {
    let connections: Int
    let warmup: Duration
    let duration: Duration

    /// GET `path`: /health by default; a bot's getMe gives the ceiling with authentication.
    func run(_ environment: BenchEnvironment, server: ServerProcess, path: String = "/health") async throws -> ThroughputOutcome {
        let pool = try await environment.openConnections(connections)
        let request = HTTPRequest.get(path, host: environment.server.host)
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
        return .post("/bot\(bots[pair].token)/sendMessage", form: Self.messageForm(to: users[pair]), host: host)
    }

    /// The parameters of the benchmark's sendMessage to `user`.
    static func messageForm(to user: Account) -> FormParameters {
        ["chat_id": String(user.id), "text": "Benchmark message: the quick brown fox jumps over the lazy dog."]
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
