import Foundation

/// What the benchmark ran on, recorded next to its figures.
struct Machine: Sendable {
    let cores: Int
    let memoryBytes: Int
    let kernel: String
    let swiftVersion: String
    /// The 1-minute load average before the run: other work on the machine skews results.
    let loadAverage: String
    let date: Date

    static func current() -> Machine {
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let totalKB = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }?
            .split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        let loadavg = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        let kernel = (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        return Machine(
            cores: ProcessInfo.processInfo.activeProcessorCount, memoryBytes: totalKB * 1024, kernel: "Linux " + kernel,
            swiftVersion: swiftVersion(), loadAverage: loadavg, date: Date())
    }

    /// The first line of `swift --version`, if a toolchain is on the PATH.
    private static func swiftVersion() -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "unknown" }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "unknown"
    }

    var summary: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return "\(cores) cores, \(memoryBytes >> 30) GiB RAM, \(kernel), \(swiftVersion), "
            + "\(formatter.string(from: date)) UTC, load average before the run \(loadAverage)"
    }
}
