import NIOCore

/// (e) Webhook delivery throughput to a local receiver, with `max_connections` 40.
///
/// Users first queue `updates` messages for one bot while it has no webhook; then the bot
/// sets its webhook, and the figure is the distinct updates received divided by the time
/// from the setWebhook request to the last new update. Queuing first separates delivery
/// from production: the number is what the delivery path sustains, not the sendMessage
/// rate. The messages come from many users, so the per-chat ordering rule (one update in
/// flight per chat) still allows all 40 connections to be busy.
struct WebhookScenario {
    enum Outcome: Sendable {
        case measured(updates: Int, queued: Int, elapsed: Duration, requests: Int)
        case notAvailable(String)
    }

    let users: [Account]
    let updates: Int
    let maxConnections = 40
    /// Delivery is considered stuck after this long without a new update.
    var stallLimit: Duration = .seconds(10)
    var timeLimit: Duration = .seconds(120)

    func run(_ environment: BenchEnvironment) async throws -> Outcome {
        let receiver = try await WebhookReceiver.start(on: environment.group)
        do {
            let outcome = try await measure(environment, receiver: receiver)
            await receiver.stop()
            return outcome
        } catch {
            await receiver.stop()
            throw error
        }
    }

    private func measure(_ environment: BenchEnvironment, receiver: WebhookReceiver) async throws -> Outcome {
        let url = "http://127.0.0.1:\(receiver.port)/webhook"
        let bot = try await environment.withClient { try await $0.createBot(username: "webhook_bot", firstName: "Webhook") }

        // A separate bot probes setWebhook: the measured bot must still be without a webhook
        // while its backlog is queued, and setWebhook may be called once a second per bot.
        let probe = try await environment.withClient { try await $0.createBot(username: "probe_bot", firstName: "Probe") }
        let probeAnswer = try await environment.withClient {
            try await $0.call("/bot\(probe.token)", "setWebhook", ["url": url + "/probe", "max_connections": String(maxConnections)])
        }
        if probeAnswer.status == 501 { return .notAvailable("setWebhook not implemented") }
        guard probeAnswer.ok else { return .notAvailable("setWebhook: \(probeAnswer.description ?? "HTTP \(probeAnswer.status)")") }
        _ = try await environment.withClient { try await $0.call("/bot\(probe.token)", "deleteWebhook") }

        progress("(e) queueing \(Format.count(updates)) updates for the webhook bot")
        let host = environment.server.host
        let pool = try await environment.openConnections(users.count)
        let queued = await LoadGenerator.run(
            connections: pool, warmup: .zero, duration: timeLimit, maxRequests: updates
        ) { index in
            .post("/user\(users[index].token)/sendMessage", form: ["chat_id": String(bot.id), "text": "for the webhook"], host: host)
        }.succeededInTotal
        await environment.close(pool)

        progress("(e) setting the webhook; \(Format.count(queued)) updates queued")
        receiver.reset()
        let clock = ContinuousClock()
        let start = NIODeadline.now()
        let answer = try await environment.withClient {
            try await $0.call("/bot\(bot.token)", "setWebhook", ["url": url, "max_connections": String(maxConnections)])
        }
        guard answer.ok else { return .notAvailable("setWebhook: \(answer.description ?? "HTTP \(answer.status)")") }

        let deadline = clock.now + timeLimit
        var lastProgress = (count: 0, at: clock.now)
        while clock.now < deadline {
            let tally = receiver.tally
            if tally.distinctUpdates >= queued { break }
            if tally.distinctUpdates > lastProgress.count {
                lastProgress = (tally.distinctUpdates, clock.now)
            } else if clock.now - lastProgress.at > stallLimit {
                break
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        let tally = receiver.tally
        _ = try? await environment.withClient { try await $0.call("/bot\(bot.token)", "deleteWebhook") }
        guard let last = tally.lastNewUpdateAt, tally.distinctUpdates > 0 else {
            return .notAvailable("no update was delivered within \(stallLimit)")
        }
        return .measured(updates: tally.distinctUpdates, queued: queued, elapsed: Duration(last - start), requests: tally.requests)
    }
}
