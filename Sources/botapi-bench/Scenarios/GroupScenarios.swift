import Foundation

/// (i) Group fan-out: one message to a group is one update per recipient, so a group's cost
/// grows with its members. Two shapes, as Telegram's big groups have them: a bot posting to
/// a large supergroup of people, and a person posting to a group where many bots read every
/// message (privacy mode off).
struct GroupFanOutScenario {
    /// What one shape produced: the posts' throughput and how many updates each post made.
    struct Outcome: Sendable {
        let throughput: ThroughputOutcome
        /// Updates each post queues: one per recipient (the poster gets none).
        let recipientsPerPost: Int

        var updatesPerSecond: Double { throughput.load.requestsPerSecond * Double(recipientsPerPost) }
    }

    let connections: Int
    let warmup: Duration
    let duration: Duration

    /// A bot posts to a supergroup of `people` people (its creator among them).
    func botToPeople(_ people: Int, _ environment: BenchEnvironment, server: ServerProcess) async throws -> Outcome {
        let creator = try await environment.createUsers(1, prefix: "Group creator")[0]
        let members = try await environment.createUsers(people - 1, prefix: "Group member")
        let bot = try await environment.createBots(1, prefix: "fanout")[0]
        let chatID = try await createSupergroup(by: creator, members: members.map(\.id) + [bot.id], environment)
        let request = HTTPRequest.post(
            "/bot\(bot.token)/sendMessage",
            form: ["chat_id": String(chatID), "text": "Benchmark post: the quick brown fox jumps over the lazy dog."],
            host: environment.server.host)
        let throughput = try await load(environment, server: server) { _ in request }
        return Outcome(throughput: throughput, recipientsPerPost: people)
    }

    /// A person posts to a supergroup with `bots` bots that read every message.
    func personToBots(_ bots: Int, _ environment: BenchEnvironment, server: ServerProcess) async throws -> Outcome {
        let poster = try await environment.createUsers(1, prefix: "Group poster")[0]
        let readers = try await environment.createBots(bots, prefix: "reader", readAllGroupMessages: true)
        let chatID = try await createSupergroup(by: poster, members: readers.map(\.id), environment)
        let request = HTTPRequest.post(
            "/user\(poster.token)/sendMessage",
            form: ["chat_id": String(chatID), "text": "Benchmark question: the quick brown fox jumps over the lazy dog?"],
            host: environment.server.host)
        let throughput = try await load(environment, server: server) { _ in request }
        return Outcome(throughput: throughput, recipientsPerPost: bots)
    }

    private func load(
        _ environment: BenchEnvironment, server: ServerProcess, request: @escaping (Int) -> HTTPRequest
    ) async throws -> ThroughputOutcome {
        let pool = try await environment.openConnections(connections)
        let outcome = await ThroughputOutcome.measure(server: server) {
            await LoadGenerator.run(connections: pool, warmup: warmup, duration: duration, request: request)
        }
        await environment.close(pool)
        return outcome
    }

    /// The user-surface `createChat`: a supergroup with `members` in it from the start.
    private func createSupergroup(by creator: Account, members: [Int64], _ environment: BenchEnvironment) async throws -> Int64 {
        try await environment.withClient { client in
            let ids = "[" + members.map(String.init).joined(separator: ",") + "]"
            // Setup, not measured: adding each member scans the members so far (issue 16
            // names the group paths' cost), so a big group takes a while to create.
            let answer = try await client.call(
                "/user\(creator.token)", "createChat", ["type": "supergroup", "title": "Fan-out", "member_ids": ids],
                timeout: .seconds(900))
            guard let chat = try answer.requireResult(of: "createChat") as? [String: Any],
                  let id = (chat["id"] as? NSNumber)?.int64Value
            else { throw BenchError("createChat: unexpected result shape") }
            return id
        }
    }
}
