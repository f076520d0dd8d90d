import Foundation
import NIOCore

/// The whole run: which measurements, in which order, against which server, and how their
/// figures become the report's rows.
///
/// The order matters. Memory at rest comes first, on a fresh server. The throughput
/// figures (a, b) come before anything leaves long-lived state in the server. The 10,000
/// parked calls (d) come late because the server may keep them until their timeout. The
/// million-message fill (f) comes last: it needs minutes and leaves a large database.
struct BenchPlan {
    let binary: String
    let workDirectory: String
    let phases: Set<Character>
    let connections: Int
    let warmup: Duration
    let duration: Duration
    let latencySamples: Int
    let parked: Int
    let wakeups: Int
    let webhookUpdates: Int
    let storedMessages: Int
    let fillTimeLimit: Duration
    let startupRuns: Int
    /// The longest wait for a quiet machine before each measurement.
    let quietWait: Duration
    /// A PostgreSQL database for (h); without it (h) is not measured.
    let database: String?

    func run(group: any EventLoopGroup) async throws -> Report {
        let startup = StartupScenario(binary: binary, runs: startupRuns, eventLoop: group.next())
        var emptyStartups: [Duration] = []
        if phases.contains("f") {
            await SystemLoad.waitForQuiet(limit: quietWait)
            progress("(f) starting the server \(startupRuns) times on empty data directories")
            emptyStartups = try await startup.emptyDataDirectory(under: workDirectory)
        }

        let dataDirectory = workDirectory + "/data"
        let adminToken = "bench" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let server = try await ServerProcess.start(
            binary: binary, dataDirectory: dataDirectory, adminToken: adminToken, log: workDirectory + "/server.log",
            eventLoop: group.next())
        progress("server pid \(server.pid) listening on port \(server.port)")
        let environment = BenchEnvironment(server: server.address, group: group)
        var run = Run(plan: self, environment: environment, server: server)
        do {
            try await run.measureLiveServer()
        } catch {
            await server.stop()
            throw error
        }
        // Generous: a server may finish parked long polls (up to 50 s) before it exits.
        let stop = await server.stop(timeout: .seconds(60))

        if phases.contains("h") {
            try await run.measureInstances(adminToken: adminToken, group: group)
        }
        if phases.contains("f") {
            try await run.measureStartup(empty: emptyStartups, dataDirectory: dataDirectory, stop: stop, startup: startup)
        }
        return run.report
    }
}

/// One run's state as it goes through the phases against the live server. Each measurement
/// is one method that runs its scenario and turns the outcome into rows and notes.
private struct Run {
    let plan: BenchPlan
    let environment: BenchEnvironment
    let server: ServerProcess
    var report = Report()
    /// Messages the server confirmed storing (answers of 200 to sendMessage and startBot).
    var messagesStored = 0
    /// (a), once measured: (b) is judged against it.
    private var ceiling: Double?
    /// The bot whose getMe is the authenticated ceiling of (a), and that figure.
    private var ceilingBot: Account?
    private var getMeCeiling: Double?
    /// (b)'s figure, for (w) to compare with wrk's.
    private var sendMessageRate: Double?
    /// Bots allowed to write to users, shared by (b) and the fill of (f).
    private var pairs: BotUserPairs?

    init(plan: BenchPlan, environment: BenchEnvironment, server: ServerProcess) {
        self.plan = plan
        self.environment = environment
        self.server = server
    }

    private func has(_ phase: Character) -> Bool { plan.phases.contains(phase) }

    /// Waits (bounded) until other processes leave the machine alone.
    private func settle() async {
        await SystemLoad.waitForQuiet(limit: plan.quietWait, ignoring: server)
    }

    mutating func measureLiveServer() async throws {
        if has("g") { await measureMemoryAtRest() }
        if has("a") { try await measureCeiling() }
        if has("b") || has("f") {
            progress("creating \(plan.connections) bots and users; each user starts its bot")
            pairs = try await BotUserPairs.create(plan.connections, in: environment)
            messagesStored += plan.connections
        }
        if has("b") { try await measureSendMessage() }
        if has("w") { try await calibrateAgainstWrk() }
        if has("i") { try await measureGroupFanOut() }
        if has("c") { try await measureDeliveryLatency() }
        if has("e") { try await measureWebhookDelivery() }
        if has("d") { try await measureParkedPolls() }
        if has("f") { try await storeMessages() }
    }

    /// (g) The idle server, fresh from its start.
    private mutating func measureMemoryAtRest() async {
        await server.waitUntilIdle(quiet: .seconds(1))
        let resident = server.residentBytes()
        report.atMost("g", "server memory (RSS) at rest", Double(resident), 60e6, shown: Format.megabytes(resident), target: "≤ 60 MB")
    }

    private mutating func measureCeiling() async throws {
        await settle()
        progress("(a) GET /health at \(plan.connections) connections")
        let outcome = try await CeilingScenario(connections: plan.connections, warmup: plan.warmup, duration: plan.duration)
            .run(environment, server: server)
        ceiling = outcome.load.requestsPerSecond
        report.add(
            "a", "GET /health (ceiling), \(plan.connections) connections",
            value: "\(Format.count(outcome.load.requestsPerSecond)) req/s", target: "reference", verdict: .reference)
        report.note("(a) \(outcome.details)")

        // The same at the engine's door: a bot's token checked, one account read, a small JSON answer.
        let bot = try await environment.createBots(1, prefix: "ceiling")[0]
        ceilingBot = bot
        await settle()
        progress("(a) getMe at \(plan.connections) connections")
        let getMe = try await CeilingScenario(connections: plan.connections, warmup: plan.warmup, duration: plan.duration)
            .run(environment, server: server, path: "/bot\(bot.token)/getMe")
        getMeCeiling = getMe.load.requestsPerSecond
        report.add(
            "a", "getMe (authenticated ceiling), \(plan.connections) connections",
            value: "\(Format.count(getMe.load.requestsPerSecond)) req/s", target: "reference", verdict: .reference)
        report.note("(a) getMe: \(getMe.details)")
    }

    /// (w) wrk on /health, getMe and (b)'s sendMessage to the same distinct chats.
    private mutating func calibrateAgainstWrk() async throws {
        let what = "calibration: this generator ÷ wrk, same run"
        guard let executable = WrkCalibration.locate() else {
            report.notAvailable("w", what, reason: "wrk not installed (Debian package wrk)", target: "reference")
            return
        }
        let wrk = WrkCalibration(
            executable: executable, connections: plan.connections, duration: plan.duration, workDirectory: plan.workDirectory)
        var cases: [(name: String, generator: Double?, requests: [WrkCalibration.Request])] = [("/health", ceiling, [.get("/health")])]
        if let ceilingBot { cases.append(("getMe", getMeCeiling, [.get("/bot\(ceilingBot.token)/getMe")])) }
        if let pairs {
            let sends = zip(pairs.bots, pairs.users).map { bot, user in
                WrkCalibration.Request.post("/bot\(bot.token)/sendMessage", form: BotUserPairs.messageForm(to: user))
            }
            cases.append(("sendMessage", sendMessageRate, sends))
        }
        var wrkRates: [String: Double] = [:]
        for (name, generator, requests) in cases {
            await settle()
            progress("(w) wrk: \(name) at \(plan.connections) connections")
            let watch = CPUUsage.watch(server)
            let outcome = try await wrk.measure(requests, server: environment.server, name: name.filter(\.isLetter))
            let cpu = watch.stop()
            let ratio = generator.map { outcome.requestsPerSecond > 0 ? $0 / outcome.requestsPerSecond : 0 }
            report.add(
                "w", "\(name): wrk -t1 -c\(plan.connections)",
                value: "\(Format.count(outcome.requestsPerSecond)) req/s"
                    + (ratio.map { "; generator \(Format.percent($0)) of it" } ?? ""),
                target: "reference", verdict: .reference)
            report.note("(w) \(name): wrk \(Format.count(outcome.requestsPerSecond)) req/s, \(outcome.failed) non-2xx, "
                + "latency \(outcome.latency); \(cpu) (wrk is among the other processes)")
            wrkRates[name] = outcome.requestsPerSecond
        }
        // (b)'s target judged on wrk's figures too: where this generator is the bottleneck (it
        // spends more CPU per request than wrk, on the same 2 cores), its /health understates
        // the ceiling and flatters the ratio.
        if let health = wrkRates["/health"], health > 0, let send = wrkRates["sendMessage"] {
            report.atLeast(
                "b", "sendMessage ÷ /health, both measured by wrk", send / health, 0.40,
                shown: "\(Format.count(send)) ÷ \(Format.count(health)) req/s = \(Format.percent(send / health))",
                target: "≥ 40 % of /health")
        }
    }

    /// (i) A bot posting to 1,000 people in a supergroup; a person posting to 50 bots.
    private mutating func measureGroupFanOut() async throws {
        let scenario = GroupFanOutScenario(connections: plan.connections, warmup: plan.warmup, duration: plan.duration)
        progress("(i) creating a supergroup of 1,000 people and a bot")
        await settle()
        progress("(i) a bot posts to the 1,000-member supergroup at \(plan.connections) connections")
        let people = try await scenario.botToPeople(1000, environment, server: server)
        messagesStored += people.throughput.load.succeededInTotal
        report.atLeast(
            "i", "bot → 1,000-member supergroup, updates fanned out", people.updatesPerSecond, 20_000,
            shown: "\(Format.count(people.updatesPerSecond)) updates/s (\(Format.count(people.throughput.load.requestsPerSecond)) posts/s)",
            target: "≥ 20,000 updates/s")
        report.note("(i) bot → 1,000 people: \(people.throughput.details)")

        progress("(i) creating a supergroup with 50 bots that read every message")
        let bots = try await scenario.personToBots(50, environment, server: server)
        messagesStored += bots.throughput.load.succeededInTotal
        report.add(
            "i", "user → supergroup with 50 bots reading all",
            value: "\(Format.count(bots.throughput.load.requestsPerSecond)) posts/s = \(Format.count(bots.updatesPerSecond)) updates/s",
            target: "reference", verdict: .reference)
        report.note("(i) user → 50 bots: \(bots.throughput.details)")
    }

    private mutating func measureSendMessage() async throws {
        guard let pairs else { return }
        await settle()
        progress("(b) sendMessage bot → user at \(plan.connections) connections")
        let outcome = try await SendMessageScenario(pairs: pairs, warmup: plan.warmup, duration: plan.duration)
            .run(environment, server: server)
        messagesStored += outcome.load.succeededInTotal
        let rate = outcome.load.requestsPerSecond
        sendMessageRate = rate
        let what = "sendMessage bot→user, \(plan.connections) conns, durable"
        if let ceiling, ceiling > 0 {
            report.atLeast("b", what, rate / ceiling, 0.4,
                shown: "\(Format.count(rate)) req/s = \(Format.percent(rate / ceiling)) of (a)", target: "≥ 40 % of (a)")
        } else {
            report.add("b", what, value: "\(Format.count(rate)) req/s", target: "≥ 40 % of (a)", verdict: .notAvailable)
        }
        report.note("(b) \(outcome.details)")
        if has("g") {
            let resident = server.residentBytes()
            report.add("g", "server memory (RSS) after (b)", value: Format.megabytes(resident), target: "reference", verdict: .reference)
        }
    }

    private mutating func measureDeliveryLatency() async throws {
        await settle()
        progress("(c) delivery latency to a parked getUpdates, \(plan.latencySamples) samples")
        let watch = CPUUsage.watch(server)
        let outcome = try await DeliveryLatencyScenario(samples: plan.latencySamples, timeLimit: .seconds(60)).run(environment)
        let cpu = watch.stop()
        let latencies = outcome.delivery
        messagesStored += latencies.count
        if let p50 = latencies.percentile(50), let p99 = latencies.percentile(99) {
            report.atMost("c", "user message → parked getUpdates, p50 / p99", p99.milliseconds, 3,
                shown: "\(Format.ms(p50)) / \(Format.ms(p99))", target: "p99 ≤ 3 ms")
        }
        report.note("(c) delivery \(latencies.summary), idle server, one bot, one user; the user's sendMessage "
            + "itself answered in \(outcome.sendAnswer.summary); \(cpu)")
    }

    private mutating func measureWebhookDelivery() async throws {
        progress("(e) webhook delivery")
        let users = try await environment.createUsers(plan.connections, prefix: "Hook user")
        await settle()
        let watch = CPUUsage.watch(server)
        let outcome = try await WebhookScenario(users: users, updates: plan.webhookUpdates).run(environment)
        let cpu = watch.stop()
        let what = "webhook delivery, max_connections 40"
        switch outcome {
        case .notAvailable(let reason):
            report.notAvailable("e", what, reason: reason, target: "≥ 10,000 updates/s")
        case .measured(let updates, let queued, let elapsed, let requests):
            messagesStored += queued
            let rate = Double(updates) / elapsed.seconds
            report.atLeast("e", what, rate, 10_000, shown: "\(Format.count(rate)) updates/s", target: "≥ 10,000 updates/s")
            report.note("(e) \(Format.count(updates)) of \(Format.count(queued)) queued updates delivered in "
                + "\(String(format: "%.2f", elapsed.seconds)) s over \(Format.count(requests)) webhook requests; "
                + "\(cpu) (queueing and delivery together)")
        }
    }

    private mutating func measureParkedPolls() async throws {
        await settle()
        let watch = CPUUsage.watch(server)
        let outcome = try await ParkedPollsScenario(count: plan.parked, wakeups: plan.wakeups).run(environment, server: server)
        let cpu = watch.stop()
        messagesStored += outcome.wakeups.count
        // The target is what a parked call adds to its connection; the connection's own cost
        // (Hummingbird's and NIO's) is shown beside it.
        report.atMost(
            "d", "memory per parked getUpdates beyond its idle connection (\(Format.count(outcome.parked)) parked)",
            outcome.bytesPerParkedBeyondConnection, 8000,
            shown: "\(Format.kilobytes(outcome.bytesPerParkedBeyondConnection)) (+ \(Format.kilobytes(outcome.bytesPerConnection)) connection)",
            target: "≤ 8 KB")
        if let p50 = outcome.wakeups.percentile(50), let p99 = outcome.wakeups.percentile(99) {
            report.atMost("d", "wake-up of one of them, p50 / p99", p99.milliseconds, 5,
                shown: "\(Format.ms(p50)) / \(Format.ms(p99))", target: "p99 ≤ 5 ms")
        }
        report.note("(d) RSS \(Format.megabytes(outcome.residentBefore)) before, "
            + "\(Format.megabytes(outcome.residentConnected)) with the connections open and idle "
            + "(\(Format.kilobytes(outcome.bytesPerConnection)) each), \(Format.megabytes(outcome.residentParked)) "
            + "with \(Format.count(outcome.parked)) parked, \(Format.megabytes(outcome.residentAfterClose)) 2 s after the "
            + "benchmark closed their connections; \(outcome.answeredEarly) answered before being woken; wake-ups "
            + "\(outcome.wakeups.summary); server open files \(outcome.openFiles.before) before, "
            + "\(outcome.openFiles.parked) parked, \(outcome.openFiles.afterClose) 2 s after close; \(cpu) (whole phase)")
    }

    /// (h) The PostgreSQL store with one and three instances, after the SQLite server stopped.
    mutating func measureInstances(adminToken: String, group: any EventLoopGroup) async throws {
        guard let database = plan.database else {
            report.notAvailable("h", "PostgreSQL, 1 and 3 instances", reason: "no --database", target: "reference")
            return
        }
        let outcome = try await InstancesScenario(
            binary: plan.binary, workDirectory: plan.workDirectory, database: database, adminToken: adminToken,
            connections: plan.connections, warmup: plan.warmup, duration: plan.duration,
            latencySamples: plan.latencySamples, quietWait: plan.quietWait
        ).run(group: group)
        for throughput in [outcome.one, outcome.three] {
            let label = throughput.instances == 1 ? "1 instance" : "\(throughput.instances) instances, load spread"
            report.add(
                "h", "PostgreSQL, \(label): GET /health", value: "\(Format.count(throughput.health.load.requestsPerSecond)) req/s",
                target: "reference", verdict: .reference)
            report.add(
                "h", "PostgreSQL, \(label): sendMessage, durable",
                value: "\(Format.count(throughput.sendMessage.load.requestsPerSecond)) req/s = \(Format.percent(throughput.ratio)) of /health",
                target: "reference", verdict: .reference)
            report.note("(h) \(label), /health: \(throughput.health.details) (PostgreSQL is among the other processes)")
            report.note("(h) \(label), sendMessage: \(throughput.sendMessage.details)")
        }
        for (label, latencies) in [("same instance", outcome.sameInstance), ("across instances", outcome.acrossInstances)] {
            if let p50 = latencies.delivery.percentile(50), let p99 = latencies.delivery.percentile(99) {
                report.add(
                    "h", "PostgreSQL, user message → parked getUpdates, \(label), p50 / p99",
                    value: "\(Format.ms(p50)) / \(Format.ms(p99))", target: "reference", verdict: .reference)
            }
            report.note("(h) \(label): delivery \(latencies.delivery.summary); the user's sendMessage answered in "
                + "\(latencies.sendAnswer.summary)")
        }
    }

    /// The first half of (f): grows the data directory to the asked number of messages.
    private mutating func storeMessages() async throws {
        guard let pairs else { return }
        let missing = plan.storedMessages - messagesStored
        guard missing > 0 else { return }
        progress("(f) storing \(Format.count(missing)) more messages (\(Format.count(messagesStored)) so far)")
        let fill = try await StoredMessagesFill(pairs: pairs, timeLimit: plan.fillTimeLimit).run(environment, count: missing)
        messagesStored += fill.succeededInTotal
        report.note("(f) fill: \(Format.count(fill.succeededInTotal)) messages in "
            + "\(String(format: "%.0f", fill.window.seconds)) s (\(Format.count(fill.requestsPerSecond)) msg/s), "
            + "\(fill.failed) failed")
    }

    /// The second half of (f), once the live server stopped: start-up times.
    mutating func measureStartup(
        empty: [Duration], dataDirectory: String, stop: ServerProcess.Stop, startup: StartupScenario
    ) async throws {
        if let median = StartupScenario.median(empty) {
            report.atMost("f", "start-up to first answer, empty data directory", median.milliseconds, 200,
                shown: Format.ms(median), target: "≤ 200 ms")
            report.note("(f) empty: \(empty.map(Format.ms).joined(separator: ", ")) (median of \(empty.count))")
        }
        let sizes = DirectorySize.summary(dataDirectory)
        progress("(f) restarting on \(Format.count(messagesStored)) stored messages (\(sizes))")
        await SystemLoad.waitForQuiet(limit: plan.quietWait)
        let times = try await startup.existingDataDirectory(dataDirectory, logPrefix: plan.workDirectory + "/server-restart")
        guard let median = StartupScenario.median(times) else { return }
        report.atMost("f", "start-up to first answer, \(Format.count(messagesStored)) messages stored", median.milliseconds, 1000,
            shown: Format.ms(median), target: "≤ 1 s (1M messages)")
        report.note("(f) stored: \(times.map(Format.ms).joined(separator: ", ")) (median of \(times.count)); data directory "
            + "before the first restart: \(sizes); before that the server \(stop.graceful ? "exited on SIGTERM" : "needed SIGKILL") "
            + "after " + String(format: "%.1f s", stop.took.seconds))
        if messagesStored < plan.storedMessages {
            report.note("(f) fewer messages than the \(Format.count(plan.storedMessages)) asked for were stored within the "
                + "time limit; the figure is for \(Format.count(messagesStored))")
        }
    }
}
