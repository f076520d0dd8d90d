import Foundation
import NIOCore

/// (f) Start-up time: from spawning the server to its first answered request (see
/// ``ServerProcess/start(binary:dataDirectory:adminToken:log:eventLoop:timeout:)``).
///
/// Each figure is the median of several starts, because one start is a single sample of
/// a noisy quantity (process creation, dynamic linking, page cache).
struct StartupScenario {
    let binary: String
    let runs: Int
    let eventLoop: any EventLoop

    /// Starts a server on a new, empty data directory `runs` times.
    func emptyDataDirectory(under workDirectory: String) async throws -> [Duration] {
        var times: [Duration] = []
        for run in 0..<runs {
            let directory = workDirectory + "/empty-\(run)"
            times.append(try await startAndStop(dataDirectory: directory, log: workDirectory + "/server-empty-\(run).log"))
            try? FileManager.default.removeItem(atPath: directory)
        }
        return times
    }

    /// Starts a server on an existing data directory `runs` times.
    func existingDataDirectory(_ directory: String, logPrefix: String) async throws -> [Duration] {
        var times: [Duration] = []
        for run in 0..<runs {
            times.append(try await startAndStop(dataDirectory: directory, log: "\(logPrefix)-\(run).log"))
        }
        return times
    }

    private func startAndStop(dataDirectory: String, log: String) async throws -> Duration {
        let server = try await ServerProcess.start(
            binary: binary, dataDirectory: dataDirectory, adminToken: "startup-probe", log: log, eventLoop: eventLoop)
        await server.stop()
        return server.startupTime
    }

    /// The middle value; for an even count, the mean of the two middle values.
    static func median(_ times: [Duration]) -> Duration? {
        guard !times.isEmpty else { return nil }
        let sorted = times.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// Grows the data directory to a number of stored messages by driving sendMessage hard, the
/// same way (b) does, through the server's own API: the database then holds exactly what a
/// busy server writes (messages, pending updates, chats), nothing synthesized behind its back.
struct StoredMessagesFill {
    let pairs: BotUserPairs
    let timeLimit: Duration

    /// Sends up to `count` more messages; returns how many were stored.
    func run(_ environment: BenchEnvironment, count: Int) async throws -> LoadGenerator.Result {
        guard count > 0 else { return LoadGenerator.Result() }
        let pool = try await environment.openConnections(pairs.bots.count)
        let host = environment.server.host
        let result = await LoadGenerator.run(
            connections: pool, warmup: .zero, duration: timeLimit, maxRequests: count
        ) { index in pairs.sendMessage(index: index, host: host) }
        await environment.close(pool)
        return result
    }
}

/// The size of a data directory's files, for the report.
enum DirectorySize {
    static func bytes(_ path: String) -> [String: Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        var sizes: [String: Int] = [:]
        for name in names {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + "/" + name)
            sizes[name] = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        }
        return sizes
    }

    static func summary(_ path: String) -> String {
        bytes(path).sorted { $0.key < $1.key }.map { "\($0.key) \(Format.megabytes($0.value))" }.joined(separator: ", ")
    }
}
