import NIOCore

/// What every scenario shares: the running server and the benchmark's own event loops.
struct BenchEnvironment: Sendable {
    let server: ServerAddress
    /// The load generator's threads; one by default, like `wrk -t1`, so the server keeps
    /// most of the two cores.
    let group: any EventLoopGroup

    /// Opens `count` connections, spread over the group's event loops, at most
    /// `parallelism` connects in flight (the server's accept backlog is finite).
    func openConnections(_ count: Int, parallelism: Int = 64) async throws -> [HTTPConnection] {
        let server = self.server
        let group = self.group
        return try await withThrowingTaskGroup(of: (Int, HTTPConnection).self) { tasks in
            var connections = [HTTPConnection?](repeating: nil, count: count)
            var next = 0
            func startNext() {
                let index = next
                next += 1
                let eventLoop = group.next()
                tasks.addTask { (index, try await server.connect(on: eventLoop)) }
            }
            while next < min(parallelism, count) { startNext() }
            for try await (index, connection) in tasks {
                connections[index] = connection
                if next < count { startNext() }
            }
            return connections.map { $0! }
        }
    }

    /// Closes `connections`, all at once.
    func close(_ connections: [HTTPConnection]) async {
        await withTaskGroup(of: Void.self) { tasks in
            for connection in connections {
                tasks.addTask { await connection.close() }
            }
        }
    }

    /// Runs `body` with a client on a new connection.
    func withClient<T>(_ body: (BotAPIClient) async throws -> T) async throws -> T {
        try await server.withClient(on: group.next(), body)
    }

    /// Creates `count` bots named `<prefix><index>bot`.
    func createBots(_ count: Int, prefix: String, readAllGroupMessages: Bool = false) async throws -> [Account] {
        try await AccountFactory.create(count: count, server: server, eventLoop: group.next()) { client, index in
            try await client.createBot(
                username: "\(prefix)\(index)bot", firstName: "Bench \(prefix)\(index)", readsAllGroupMessages: readAllGroupMessages)
        }
    }

    /// Creates `count` users named `<prefix> <index>`.
    func createUsers(_ count: Int, prefix: String) async throws -> [Account] {
        try await AccountFactory.create(count: count, server: server, eventLoop: group.next()) { client, index in
            try await client.createUser(firstName: "\(prefix) \(index)")
        }
    }
}
