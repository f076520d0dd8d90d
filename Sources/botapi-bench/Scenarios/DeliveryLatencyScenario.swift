import NIOCore

/// (c) How long a user's message takes to reach a bot that waits in getUpdates.
///
/// One sample: the bot parks a getUpdates call; a moment later the user sends a message
/// to the bot on another connection; the sample is the time from writing the user's
/// request to the arrival of the bot's answer. Both instants are taken on the same event
/// loop, at the sockets. The idle server is measured, so this is the latency floor.
struct DeliveryLatencyScenario {
    let samples: Int
    let timeLimit: Duration
    /// How long after sending getUpdates the user writes. The server parks a call within
    /// well under a millisecond when idle; the margin makes sure the sample measures the
    /// wake-up of a parked call, not a call that finds the update already queued.
    var parkDelay: Duration = .milliseconds(3)
    /// Where the user writes; nil: the instance the bot polls. Another instance on the same
    /// database measures the wake-up across instances (LISTEN/NOTIFY).
    var userServer: ServerAddress? = nil

    struct Outcome: Sendable {
        /// From writing the user's sendMessage to the arrival of the bot's answer.
        var delivery = LatencySamples()
        /// The user's own sendMessage round trip: a durable commit. Delivery cannot be
        /// faster than the commit it waits for, so this shows how much of it is the write.
        var sendAnswer = LatencySamples()
    }

    func run(_ environment: BenchEnvironment) async throws -> Outcome {
        let bot = try await environment.withClient { try await $0.createBot(username: "latency_bot", firstName: "Latency") }
        let user = try await environment.withClient { try await $0.createUser(firstName: "Latency user") }
        let eventLoop = environment.group.next()
        let poller = try await environment.server.connect(on: eventLoop)
        let sender = try await (userServer ?? environment.server).connect(on: eventLoop)
        let host = environment.server.host
        let send = HTTPRequest.post(
            "/user\(user.token)/sendMessage", form: ["chat_id": String(bot.id), "text": "ping"], host: host)

        var offset: Int64 = 0
        var outcome = Outcome()
        let deadline = ContinuousClock.now + timeLimit
        while outcome.delivery.count < samples && ContinuousClock.now < deadline {
            let poll = HTTPRequest.get("/bot\(bot.token)/getUpdates?timeout=10&offset=\(offset)", host: host)
            let parked = poller.send(poll, timeout: .seconds(15))
            try await Task.sleep(for: parkDelay)
            let sent = try await sender.send(send, timeout: .seconds(10)).get()
            let answer = try await parked.get(timeout: .seconds(15))
            guard sent.status == .ok, answer.status == .ok, let last = UpdateIDs.all(in: answer.body).last else {
                throw BenchError("delivery latency: sendMessage \(sent.status.code) \(sent.text.prefix(200)); "
                    + "getUpdates \(answer.status.code) \(answer.text.prefix(200))")
            }
            offset = last + 1
            outcome.delivery.record(Duration(answer.receivedAt - sent.sentAt))
            outcome.sendAnswer.record(Duration(sent.receivedAt - sent.sentAt))
        }
        await poller.close()
        await sender.close()
        return outcome
    }
}
