import Foundation
import NIOCore

/// (h) The PostgreSQL store: one instance, then three instances on the same database with
/// the load spread over them, each throughput figure beside the `/health` ceiling of the same
/// configuration in the same run, and how fast a bot parked on one instance wakes when a
/// user writes through another (LISTEN/NOTIFY).
///
/// Every run gets a schema of its own in the given database (`?schema=`), so runs never
/// see each other's worlds. The database server runs on the same 2 cores as the instances
/// and the load generator: its CPU shows under "other processes".
struct InstancesScenario {
    let binary: String
    let workDirectory: String
    /// `postgres://user:password@host:port/database`, without a schema.
    let database: String
    let adminToken: String
    let connections: Int
    let warmup: Duration
    let duration: Duration
    let latencySamples: Int
    /// The longest wait for a quiet machine before each measurement.
    let quietWait: Duration

    /// One configuration's figures: its `/health` ceiling and durable `sendMessage`.
    struct Throughput: Sendable {
        let instances: Int
        let health: ThroughputOutcome
        let sendMessage: ThroughputOutcome

        var ratio: Double {
            let ceiling = health.load.requestsPerSecond
            return ceiling > 0 ? sendMessage.load.requestsPerSecond / ceiling : 0
        }
    }

    struct Outcome: Sendable {
        let one: Throughput
        let three: Throughput
        /// The user writes through the instance the bot polls.
        let sameInstance: DeliveryLatencyScenario.Outcome
        /// The user writes through another instance than the one the bot polls.
        let acrossInstances: DeliveryLatencyScenario.Outcome
    }

    func run(group: any EventLoopGroup) async throws -> Outcome {
        let schema = "bench_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let url = database + (database.contains("?") ? "&" : "?") + "schema=" + schema
        var servers: [ServerProcess] = []
        do {
            let outcome = try await measure(url: url, group: group, servers: &servers)
            for server in servers { await server.stop() }
            return outcome
        } catch {
            for server in servers { await server.stop() }
            throw error
        }
    }

    private func start(_ name: String, url: String, group: any EventLoopGroup) async throws -> ServerProcess {
        let server = try await ServerProcess.start(
            binary: binary, dataDirectory: "\(workDirectory)/pg-\(name)", adminToken: adminToken,
            log: "\(workDirectory)/server-pg-\(name).log", eventLoop: group.next(),
            extraArguments: ["--database", url])
        progress("(h) instance \(name): pid \(server.pid), port \(server.port)")
        return server
    }

    private func measure(url: String, group: any EventLoopGroup, servers: inout [ServerProcess]) async throws -> Outcome {
        let first = try await start("A", url: url, group: group)
        servers.append(first)
        let environment = BenchEnvironment(server: first.address, group: group)
        progress("(h) creating \(connections) bots and users; each user starts its bot")
        let pairs = try await BotUserPairs.create(connections, in: environment)

        let one = try await throughput(of: [first], pairs: pairs, group: group)
        await SystemLoad.waitForQuiet(limit: quietWait, ignoring: first)
        progress("(h) delivery latency on one instance, \(latencySamples) samples")
        let sameInstance = try await DeliveryLatencyScenario(samples: latencySamples, timeLimit: .seconds(60)).run(environment)

        servers.append(try await start("B", url: url, group: group))
        servers.append(try await start("C", url: url, group: group))
        let three = try await throughput(of: servers, pairs: pairs, group: group)
        await SystemLoad.waitForQuiet(limit: quietWait)
        progress("(h) delivery latency across instances (bot polls A, user writes through B), \(latencySamples) samples")
        let acrossInstances = try await DeliveryLatencyScenario(
            samples: latencySamples, timeLimit: .seconds(60), userServer: servers[1].address
        ).run(environment)
        return Outcome(one: one, three: three, sameInstance: sameInstance, acrossInstances: acrossInstances)
    }

    /// `/health`, then durable `sendMessage`, each over `connections` connections dealt round
    /// robin to `servers` (connection i, and bot/user pair i, go to server i mod n).
    private func throughput(of servers: [ServerProcess], pairs: BotUserPairs, group: any EventLoopGroup) async throws -> Throughput {
        let environments = servers.map { BenchEnvironment(server: $0.address, group: group) }
        func openPool() async throws -> [HTTPConnection] {
            var byServer: [[HTTPConnection]] = []
            for (index, environment) in environments.enumerated() {
                let share = (connections - index + servers.count - 1) / servers.count
                byServer.append(try await environment.openConnections(share))
            }
            return (0..<connections).map { byServer[$0 % servers.count][$0 / servers.count] }
        }
        let label = servers.count == 1 ? "one instance" : "\(servers.count) instances"
        await SystemLoad.waitForQuiet(limit: quietWait)
        progress("(h) GET /health, \(label), \(connections) connections")
        var pool = try await openPool()
        let health = await ThroughputOutcome.measure(servers: servers) {
            await LoadGenerator.run(connections: pool, warmup: warmup, duration: duration) { index in
                .get("/health", host: environments[index % servers.count].server.host)
            }
        }
        await environments[0].close(pool)

        await SystemLoad.waitForQuiet(limit: quietWait)
        progress("(h) sendMessage bot → user, \(label), \(connections) connections")
        pool = try await openPool()
        let sendMessage = await ThroughputOutcome.measure(servers: servers) {
            await LoadGenerator.run(connections: pool, warmup: warmup, duration: duration) { index in
                pairs.sendMessage(index: index, host: environments[index % servers.count].server.host)
            }
        }
        await environments[0].close(pool)
        return Throughput(instances: servers.count, health: health, sendMessage: sendMessage)
    }
}
