import Foundation
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The server under test, as a child process of the benchmark.
///
/// It is started with port 0, so the kernel picks a free port and the server reports it in
/// its "listening" line; no port is ever guessed or reused between runs.
final class ServerProcess {
    let pid: Int32
    let port: Int
    let dataDirectory: String
    let adminToken: String
    /// From spawning the process to the first answered request (GET /health).
    let startupTime: Duration

    private let process: Process

    var address: ServerAddress { ServerAddress(port: port, adminToken: adminToken) }

    private init(process: Process, port: Int, dataDirectory: String, adminToken: String, startupTime: Duration) {
        self.process = process
        self.pid = process.processIdentifier
        self.port = port
        self.dataDirectory = dataDirectory
        self.adminToken = adminToken
        self.startupTime = startupTime
    }

    /// Starts `binary serve` on loopback over `dataDirectory` and returns once it answered
    /// its first request.
    ///
    /// The start-up time runs from just before the spawn to the arrival of the answer to
    /// GET /health, sent as soon as the server printed that it listens. The child inherits
    /// this process's file-descriptor limit, which ``ResourceLimits`` raised beforehand.
    ///
    /// - Parameters:
    ///   - log: a file receiving the server's standard output and error.
    ///   - extraArguments: more options of `botapi serve`, e.g. `--database URL`.
    static func start(
        binary: String, dataDirectory: String, adminToken: String, log: String, eventLoop: any EventLoop,
        extraArguments: [String] = [], timeout: Duration = .seconds(60)
    ) async throws -> ServerProcess {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        guard let logHandle = FileHandle(forWritingAtPath: log) else { throw BenchError("cannot write \(log)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDirectory,
            // Every benchmark client shares loopback: phase (d) alone parks 10,000 polls.
            "--max-connections-per-address", "1000000",
            // No line per call: the figures measure the server, as the earlier rounds did
            // (before calls were logged), not the log file's writes.
            "--log-level", "notice",
        ] + extraArguments
        // Through the environment, not the process list (and without the server's warning).
        var environment = ProcessInfo.processInfo.environment
        environment["BOTAPI_ADMIN_TOKEN"] = adminToken
        environment["BOTAPI_ADMIN_TOKEN_FILE"] = nil
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice

        let clock = ContinuousClock()
        let spawnedAt = clock.now
        try process.run()
        // Bounded: a server that never says it listens is killed, which ends the wait.
        let pid = process.processIdentifier
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            kill(pid, SIGKILL)
        }
        defer { watchdog.cancel() }
        let port: Int
        let answeredAt: ContinuousClock.Instant
        do {
            port = try await ListeningLine.port(from: stdout, copyingTo: logHandle)
            let connection = try await HTTPConnection.connect(host: "127.0.0.1", port: port, on: eventLoop)
            let response = try await connection.response(to: .get("/health", host: "127.0.0.1:\(port)"), timeout: timeout)
            answeredAt = clock.now
            await connection.close()
            guard response.status == .ok else { throw BenchError("GET /health answered \(response.status.code): \(response.text)") }
        } catch {
            // A server that did not come up properly must not outlive the benchmark.
            kill(pid, SIGKILL)
            throw error
        }
        return ServerProcess(
            process: process, port: port, dataDirectory: dataDirectory, adminToken: adminToken,
            startupTime: answeredAt - spawnedAt)
    }

    /// How a stop went.
    struct Stop: Sendable {
        /// Whether the server exited on SIGTERM (false: it needed SIGKILL).
        let graceful: Bool
        let took: Duration
    }

    /// Stops the server with SIGTERM, as an operator would, and waits for it to exit;
    /// SIGKILL after `timeout`.
    @discardableResult
    func stop(timeout: Duration = .seconds(15)) async -> Stop {
        let clock = ContinuousClock()
        let start = clock.now
        guard process.isRunning else { return Stop(graceful: true, took: .zero) }
        kill(pid, SIGTERM)
        let deadline = start + timeout
        while process.isRunning && clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        guard process.isRunning else { return Stop(graceful: true, took: clock.now - start) }
        kill(pid, SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        return Stop(graceful: false, took: clock.now - start)
    }

    var isRunning: Bool { process.isRunning }

    // MARK: Resource use, from /proc

    /// Resident memory (VmRSS) in bytes.
    func residentBytes() -> Int {
        ProcStatus.residentBytes(pid: pid)
    }

    /// CPU time (user + system) the server used so far.
    func cpuTime() -> Duration {
        ProcStatus.cpuTime(pid: pid)
    }

    /// How many file descriptors the server holds open: one per connection plus a few.
    func openFileCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
    }

    /// Waits until the server has been idle (no CPU used) for `quiet`, at most `timeout`.
    ///
    /// Used instead of a fixed sleep to know that a burst of requests has been fully
    /// processed, e.g. that 10,000 getUpdates calls are all parked.
    func waitUntilIdle(quiet: Duration = .milliseconds(300), timeout: Duration = .seconds(30)) async {
        let deadline = ContinuousClock.now + timeout
        var last = cpuTime()
        var quietSince = ContinuousClock.now
        while ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
            let now = cpuTime()
            if now != last {
                last = now
                quietSince = ContinuousClock.now
            } else if ContinuousClock.now - quietSince >= quiet {
                return
            }
        }
    }
}

/// Reads the server's standard output until "botapi listening on http://host:port".
private enum ListeningLine {
    /// The port from the listening line. The pipe keeps being drained into `log` afterwards
    /// so the server can never block on a full pipe.
    static func port(from pipe: Pipe, copyingTo log: FileHandle) async throws -> Int {
        let fd = pipe.fileHandleForReading.fileDescriptor
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            // A thread, not a task: the read blocks, and the cooperative pool has two threads.
            let thread = Thread {
                _ = pipe  // keeps the descriptor open as long as the thread reads it
                var pending: [UInt8] = []
                var resumed = false
                var chunk = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if count <= 0 { break }
                    log.write(Data(chunk[0..<count]))
                    guard !resumed else { continue }
                    pending += chunk[0..<count]
                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = String(decoding: pending[..<newline], as: UTF8.self)
                        pending.removeSubrange(...newline)
                        if let port = parse(line) {
                            resumed = true
                            continuation.resume(returning: port)
                            break
                        }
                    }
                }
                if !resumed {
                    continuation.resume(throwing: BenchError("the server exited before listening (see its log)"))
                }
            }
            thread.start()
        }
    }

    static func parse(_ line: String) -> Int? {
        guard line.hasPrefix("botapi listening on http://"),
              let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }),
              let colon = url.lastIndex(of: ":")
        else { return nil }
        return Int(url[url.index(after: colon)...].prefix(while: \.isNumber))
    }
}

/// Figures read from /proc/<pid>.
enum ProcStatus {
    static func residentBytes(pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return kilobytes * 1024
    }

    /// utime + stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks.
    static func cpuTime(pid: Int32) -> Duration {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.lastIndex(of: ")")
        else { return .zero }
        // Fields after the parenthesised name start at field 3.
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        guard fields.count > 13, let user = Int64(fields[11]), let system = Int64(fields[12]) else { return .zero }
        let ticksPerSecond = Int64(sysconf(Int32(_SC_CLK_TCK)))
        return .milliseconds((user + system) * 1000 / ticksPerSecond)
    }

    /// CPU time this process (the benchmark) used so far.
    static func ownCPUTime() -> Duration {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let micros = Int64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000
            + Int64(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
        return .microseconds(micros)
    }
}
