import Foundation

/// Machine-wide CPU use, from /proc/stat.
///
/// The benchmark shares the machine with whatever else runs on it (on a shared build
/// machine: compilers). Figures measured while other processes take CPU are low for reasons
/// that have nothing to do with the server, so each throughput figure is printed with the
/// cores others used meanwhile, and a run can wait for a quiet machine first.
enum SystemLoad {
    /// Busy and total jiffies over all CPUs since boot.
    struct Sample {
        let busy: Int64
        let total: Int64
        let at: ContinuousClock.Instant

        static func now() -> Sample {
            let line = ((try? String(contentsOfFile: "/proc/stat", encoding: .utf8)) ?? "")
                .split(separator: "\n").first { $0.hasPrefix("cpu ") } ?? ""
            let values = line.split(separator: " ").dropFirst().compactMap { Int64($0) }
            guard values.count >= 8 else { return Sample(busy: 0, total: 0, at: .now) }
            // user nice system idle iowait irq softirq steal. Busy counts what processes run:
            // user, nice and system. Interrupt time is left out: loopback networking runs
            // in softirq context and is charged to no process, so counting it would blame
            // "others" for the benchmark's own traffic.
            let busy = values[0] + values[1] + values[2]
            return Sample(busy: busy, total: values.prefix(8).reduce(0, +), at: .now)
        }

        /// Cores kept busy on average between `earlier` and this sample.
        func busyCores(since earlier: Sample) -> Double {
            let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
            let seconds = (at - earlier.at).seconds
            return seconds > 0 ? Double(busy - earlier.busy) / ticksPerSecond / seconds : 0
        }
    }

    /// Waits until the machine, apart from `ignoring` (the idle server under test), keeps
    /// less than `threshold` cores busy over one second; gives up after `limit`.
    /// Returns the busy cores seen last.
    @discardableResult
    static func waitForQuiet(threshold: Double = 0.25, limit: Duration, ignoring server: ServerProcess? = nil) async -> Double {
        let deadline = ContinuousClock.now + limit
        var reported = false
        while true {
            let before = Sample.now()
            let serverBefore = server?.cpuTime() ?? .zero
            let ownBefore = ProcStatus.ownCPUTime()
            try? await Task.sleep(for: .seconds(1))
            let after = Sample.now()
            let elapsed = (after.at - before.at).seconds
            let ours = ((server?.cpuTime() ?? .zero) - serverBefore + ProcStatus.ownCPUTime() - ownBefore).seconds / elapsed
            let others = max(0, after.busyCores(since: before) - ours)
            if others < threshold || ContinuousClock.now >= deadline { return others }
            if !reported {
                progress(String(format: "waiting for a quiet machine: other processes use %.2f cores", others))
                reported = true
            }
        }
    }
}

/// CPU used by the server, the benchmark and everything else over one phase.
struct CPUUsage: Sendable, CustomStringConvertible {
    /// Average cores kept busy (1.0 = one core) by each.
    let server: Double
    let generator: Double
    let others: Double

    var description: String {
        "CPU: server \(Format.cores(server)) cores, generator \(Format.cores(generator)), other processes \(Format.cores(others))"
    }

    /// Starts watching; ``Watch/stop()`` gives the usage since. With several server
    /// processes (instances sharing one database), `server` is their sum.
    static func watch(_ servers: ServerProcess...) -> Watch { Watch(servers: servers) }

    struct Watch {
        let servers: [ServerProcess]
        private let start = ContinuousClock.now
        private let machine = SystemLoad.Sample.now()
        private let serverStart: Duration
        private let ownStart = ProcStatus.ownCPUTime()

        init(servers: [ServerProcess]) {
            self.servers = servers
            serverStart = Self.cpuTime(of: servers)
        }

        private static func cpuTime(of servers: [ServerProcess]) -> Duration {
            servers.reduce(.zero) { $0 + $1.cpuTime() }
        }

        func stop() -> CPUUsage {
            let wall = (ContinuousClock.now - start).seconds
            guard wall > 0 else { return CPUUsage(server: 0, generator: 0, others: 0) }
            let serverCores = (Self.cpuTime(of: servers) - serverStart).seconds / wall
            let generatorCores = (ProcStatus.ownCPUTime() - ownStart).seconds / wall
            let machineCores = SystemLoad.Sample.now().busyCores(since: machine)
            return CPUUsage(server: serverCores, generator: generatorCores, others: max(0, machineCores - serverCores - generatorCores))
        }
    }
}
