import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// `botapi-bench`: starts a release build of the server on loopback and measures it
/// against the targets in BENCHMARKS.md, printing one table.
///
/// Everything is measured in one run, on one machine, with the load generator in this
/// process: the figures are comparable with each other (b is reported as a share of a),
/// and the generator's own CPU use is printed so its cost is visible.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "botapi-bench",
        abstract: "Benchmark the botapi server (release build) on this machine.",
        discussion: """
            Build the server first, then run:
              swift build -c release --scratch-path .build-release --product botapi
              swift run -c release --scratch-path .build-release botapi-bench
            """)

    @Option(help: "The server binary (default: `botapi` next to this executable).")
    var server: String?

    @Option(help: "Where data directories and server logs go (default: a new temporary directory, removed afterwards).")
    var workDir: String?

    @Option(help: "Measurements to run, a subset of the letters abcdefghiw (h needs --database; w needs wrk).")
    var phases = "abcdefgiw"

    @Option(help: "A PostgreSQL database for (h), postgres://user:password@host:port/database; each run uses a new schema in it.")
    var database: String?

    @Option(help: "Keep-alive connections for (a) and (b).")
    var connections = 64

    @Option(help: "Seconds of warm-up before each throughput measurement.")
    var warmup = 2.0

    @Option(help: "Seconds each throughput measurement lasts.")
    var duration = 10.0

    @Option(help: "Delivery latency samples for (c).")
    var latencySamples = 500

    @Option(help: "Bots parked in getUpdates at once for (d).")
    var parked = 10_000

    @Option(help: "Wake-ups measured among the parked bots for (d).")
    var wakeups = 100

    @Option(help: "Updates delivered by webhook for (e).")
    var webhookUpdates = 50_000

    @Option(help: "Stored messages for the second start-up figure of (f).")
    var storedMessages = 1_000_000

    @Option(help: "Seconds allowed for storing them; fewer are measured if time runs out.")
    var fillTimeLimit = 900.0

    @Option(help: "Starts per start-up figure (the median is reported).")
    var startupRuns = 5

    @Option(help: "Seconds to wait at most, before each measurement, for other processes to leave the CPUs alone.")
    var quietWait = 300.0

    @Option(help: "Threads of the load generator.")
    var clientThreads = 1

    @Option(help: "Also write the report as Markdown to this file.")
    var markdown: String?

    @Flag(help: "Keep the work directory (data directories, server logs).")
    var keep = false

    func run() async throws {
        let binary = try ServerBinary.locate(explicit: server)
        let workDirectory = try workDir ?? FileManager.default.makeTemporaryDirectory(prefix: "botapi-bench")
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        let fileLimit = ResourceLimits.raiseOpenFileLimit()
        let machine = Machine.current()
        progress("server \(binary)")
        progress("work directory \(workDirectory); open-file limit \(fileLimit)")
        if let warning = ServerBinary.stalenessWarning(binary) { progress("WARNING: \(warning)") }
        if phases.contains("d") && fileLimit < parked + 1000 {
            throw BenchError("(d) needs \(parked + 1000) open files, the limit is \(fileLimit); lower --parked")
        }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: clientThreads)
        let plan = BenchPlan(
            binary: binary, workDirectory: workDirectory, phases: Set(phases), connections: connections,
            warmup: .seconds(warmup), duration: .seconds(duration), latencySamples: latencySamples, parked: parked,
            wakeups: wakeups, webhookUpdates: webhookUpdates, storedMessages: storedMessages,
            fillTimeLimit: .seconds(fillTimeLimit), startupRuns: startupRuns, quietWait: .seconds(quietWait),
            database: database)
        let report: Report
        do {
            report = try await plan.run(group: group)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try? await group.shutdownGracefully()

        let command = "swift run -c release --scratch-path .build-release botapi-bench " + CommandLine.arguments.dropFirst().joined(separator: " ")
        let output = """
            botapi benchmark — \(machine.summary)
            server: \(binary)

            \(report.markdown)

            \(report.notesMarkdown)

            """
        print(output)
        if let markdown {
            let document = """
                Machine: \(machine.summary).

                Command: `\(command.trimmingCharacters(in: .whitespaces))`

                \(report.markdown)

                Details:

                \(report.notesMarkdown)

                """
            try document.write(toFile: markdown, atomically: true, encoding: .utf8)
        }
        if keep {
            progress("kept \(workDirectory)")
        } else if workDir == nil {
            try? FileManager.default.removeItem(atPath: workDirectory)
        }
    }
}

/// Finds the server binary to benchmark.
enum ServerBinary {
    /// `explicit`, else `botapi` in this executable's directory, where
    /// `swift build -c release --scratch-path .build-release --product botapi` puts it.
    static func locate(explicit: String?) throws -> String {
        var path = explicit ?? ownDirectory() + "/botapi"
        // Relative to where the benchmark was started: the staleness check walks up to "/".
        if !path.hasPrefix("/") { path = FileManager.default.currentDirectoryPath + "/" + path }
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError("""
                no server binary at \(path). Build it with
                  swift build -c release --scratch-path .build-release --product botapi
                or pass --server PATH.
                """)
        }
        return path
    }

    private static func ownDirectory() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (executable as NSString).deletingLastPathComponent
    }

    /// A warning when a server source file is newer than the binary: measuring an old build
    /// is the easiest way to report wrong numbers.
    static func stalenessWarning(_ binary: String) -> String? {
        var directory = (binary as NSString).deletingLastPathComponent
        while directory != "/" && !FileManager.default.fileExists(atPath: directory + "/Package.swift") {
            directory = (directory as NSString).deletingLastPathComponent
        }
        let sources = directory + "/Sources"
        guard let built = modificationDate(binary), let files = FileManager.default.enumerator(atPath: sources) else { return nil }
        // Targets the server does not link: the benchmark itself and the code generator.
        let unrelated = ["botapi-bench/", "botapi-generate/", "BotAPIGenerator/"]
        for case let file as String in files where file.hasSuffix(".swift") && !unrelated.contains(where: file.hasPrefix) {
            if let modified = modificationDate(sources + "/" + file), modified > built {
                return "Sources/\(file) is newer than the server binary; rebuild the server for current figures"
            }
        }
        return nil
    }

    private static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

extension FileManager {
    func makeTemporaryDirectory(prefix: String) throws -> String {
        let path = NSTemporaryDirectory() + "\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        try createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
