import Foundation

/// (w) The instrument checked against another: `wrk` (Debian's package), a C load generator,
/// runs the same requests on the same server in the same run as the benchmark's own
/// generator. Where wrk gets clearly more out of the server, the generator was the
/// bottleneck and its figure is too low.
struct WrkCalibration {
    /// One request wrk sends, form-encoded like the generator's.
    struct Request {
        let method: String
        let path: String
        let body: String?

        static func get(_ path: String) -> Request { Request(method: "GET", path: path, body: nil) }
        static func post(_ path: String, form: FormParameters) -> Request { Request(method: "POST", path: path, body: form.encoded) }
    }

    /// What one wrk run printed.
    struct Outcome: Sendable {
        let requestsPerSecond: Double
        /// Answers with a status other than 2xx or 3xx.
        let failed: Int
        /// wrk's own latency line (average, deviation, maximum).
        let latency: String
    }

    let executable: String
    let connections: Int
    let duration: Duration
    let workDirectory: String

    /// `wrk` on the PATH, if installed.
    static func locate() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/wrk"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs wrk with one thread (as the generator has one by default) and `connections`
    /// connections, sending `requests` round-robin, one per call.
    func measure(_ requests: [Request], server: ServerAddress, name: String) async throws -> Outcome {
        let script = workDirectory + "/wrk-\(name).lua"
        try Self.script(for: requests).write(toFile: script, atomically: true, encoding: .utf8)
        let seconds = max(1, Int(duration.seconds.rounded()))
        let output = try await run([
            "-t1", "-c\(connections)", "-d\(seconds)s", "--timeout", "10s", "-s", script, "http://\(server.host)",
        ])
        guard let rate = Self.number(after: "Requests/sec:", in: output) else {
            throw BenchError("wrk printed no Requests/sec line:\n\(output)")
        }
        let failed = Int(Self.number(after: "Non-2xx or 3xx responses:", in: output) ?? 0)
        let latency = output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Latency") }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().prefix(3).joined(separator: " / ") } ?? "?"
        return Outcome(requestsPerSecond: rate, failed: failed, latency: "avg / stdev / max \(latency)")
    }

    /// A Lua script whose `request` hands out `requests` in turn.
    private static func script(for requests: [Request]) -> String {
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        let table = requests.map { request in
            let prepared = request.body.map {
                "wrk.format(\(quoted(request.method)), \(quoted(request.path)), {[\"Content-Type\"] = \"application/x-www-form-urlencoded\"}, \(quoted($0)))"
            } ?? "wrk.format(\(quoted(request.method)), \(quoted(request.path)))"
            return "  " + prepared + ","
        }.joined(separator: "\n")
        // Prepared once in `init`, so each request costs wrk a table lookup only.
        return """
            local prepared = nil
            init = function(args)
              prepared = {
            \(table)
              }
            end
            local turn = 0
            request = function()
              turn = turn % #prepared + 1
              return prepared[turn]
            end

            """
    }

    private static func number(after label: String, in output: String) -> Double? {
        guard let range = output.range(of: label) else { return nil }
        let rest = output[range.upperBound...].drop(while: { $0 == " " || $0 == "\t" })
        return Double(rest.prefix(while: { $0.isNumber || $0 == "." }))
    }

    private func run(_ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // wrk prints a few hundred bytes; reading to the end also waits for it to exit.
        let data = try await Task.detached { try pipe.fileHandleForReading.readToEnd() ?? Data() }.value
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("wrk exited with status \(process.terminationStatus):\n\(String(decoding: data, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
