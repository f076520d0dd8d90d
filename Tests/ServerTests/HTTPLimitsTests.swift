import Dispatch
import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The HTTP limits as a client on a raw socket sees them (behaviour.md §1.1, §1.6; issue 10,
/// reproducer 4): oversized heads and bodies are answered at once and the connection closed,
/// slow clients are cut off, one address cannot hold more than its share of connections, and
/// every unsupported request gets a complete answer.
@Suite(.serialized) struct HTTPLimitsTests {
    /// Short timeouts so the tests don't wait for the defaults.
    static let fast = ServerLimits(headerTimeout: .milliseconds(500), bodyTimeout: .milliseconds(500))

    // MARK: Read timeouts

    @Test func aHeadThatNeverEndsIsCutOff() async throws {
        try await withServer(Self.fast) { port, _ in
            let started = ContinuousClock.now
            let partial = try RawConnection(port: port)
            partial.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let silent = try RawConnection(port: port)
            #expect(await partial.waitForClose())
            #expect(await silent.waitForClose())
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(partial.received.isEmpty && silent.received.isEmpty)
        }
    }

    @Test func aHeadSentByteByByteMayNotOutlastTheTimeout() async throws {
        try await withServer(Self.fast) { port, _ in
            let connection = try RawConnection(port: port)
            var sent = 0
            for byte in "GET /health HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".utf8 {
                guard connection.send([byte]) else { break }
                sent += 1
                try await Task.sleep(for: .milliseconds(50))
            }
            // 70 bytes at 50 ms each is 3.5 s: the 0.5 s timeout ended the connection midway.
            #expect(sent < 40)
            #expect(await connection.waitForClose())
        }
    }

    @Test func betweenRequestsOnlyTheIdleTimeoutApplies() async throws {
        try await withServer(Self.fast) { port, _ in
            let connection = try RawConnection(port: port)
            connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(await connection.readResponse()?.status == 200)
            try await Task.sleep(for: .milliseconds(1500))
            connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(await connection.readResponse()?.status == 200)
        }
    }

    @Test func aBodyThatStopsIsCutOff() async throws {
        try await withServer(Self.fast) { port, _ in
            let connection = try RawConnection(port: port)
            connection.send("POST /bot1:x/getMe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n0123456789")
            #expect(await connection.waitForClose())
        }
    }

    @Test func aLongPollIsNotAReadAndOutlastsTheTimeouts() async throws {
        try await withServer(Self.fast) { port, client in
            let bot = try await client.createBot()
            let user = try await client.createUser()
            let connection = try RawConnection(port: port)
            connection.send("GET /bot\(bot.token)/getUpdates?timeout=50 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            try await Task.sleep(for: .milliseconds(1500))
            let sent = try await client.user(user.token, "sendMessage", ["chat_id": String(bot.id), "text": "/start"])
            #expect(sent.ok)
            let answer = try #require(await connection.readResponse())
            #expect(answer.status == 200)
            #expect(answer.text.contains("start"))
        }
    }

    // MARK: Sizes

    @Test func headersUpTo256KiBAreReadAndLargerOnesGet431() async throws {
        try await withServer(Self.fast) { port, _ in
            // Over the 80 KB NIO and Hummingbird default, under the official 256 KiB.
            let large = try RawConnection(port: port)
            large.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Large: \(String(repeating: "a", count: 200 << 10))\r\n\r\n")
            #expect(await large.readResponse()?.status == 200)

            let tooLarge = try RawConnection(port: port)
            tooLarge.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Large: \(String(repeating: "a", count: 300 << 10))\r\n\r\n")
            let answer = try #require(await tooLarge.readResponse())
            #expect(answer.status == 431)
            #expect(answer.reason == "Request Header Fields Too Large")
            #expect(answer.header("content-length") == "0" && answer.body.isEmpty)
            #expect(await tooLarge.waitForClose())

            // Many smaller fields add up the same way.
            let many = try RawConnection(port: port)
            let fields = (0..<300).map { "X-Field-\($0): \(String(repeating: "b", count: 1000))\r\n" }.joined()
            many.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\(fields)\r\n")
            #expect(await many.readResponse()?.status == 431)
        }
    }

    @Test(arguments: ["9223372036854775807", "18446744073709551615", String((64 << 20) + 1)])
    func aDeclaredBodyOverTheLimitIs413AtOnce(length: String) async throws {
        try await withServer(Self.fast) { port, _ in
            let connection = try RawConnection(port: port)
            let started = ContinuousClock.now
            connection.send("POST /bot1:x/sendMessage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n\r\n{\"chat_id\":")
            let answer = try #require(await connection.readResponse())
            #expect(answer.status == 413 && answer.reason == "Request Entity Too Large")
            #expect(answer.header("content-length") == "0")
            #expect(await connection.waitForClose())
            // Before the body timeout could have ended it: nothing waited for the body.
            #expect(ContinuousClock.now - started < .seconds(3))
        }
    }

    @Test func aChunkedBodyPassingTheLimitIs413() async throws {
        var limits = Self.fast
        limits.maxBodyBytes = 4096
        try await withServer(limits) { port, _ in
            let connection = try RawConnection(port: port)
            connection.send("POST /bot1:x/sendMessage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = "400\r\n\(String(repeating: "c", count: 1024))\r\n"
            for _ in 0..<8 {
                guard connection.send(chunk) else { break }
            }
            let answer = try #require(await connection.readResponse())
            #expect(answer.status == 413)
            #expect(answer.header("content-length") == "0")
            #expect(await connection.waitForClose())

            // Under the limit, the same body is read and the request answered.
            let small = try RawConnection(port: port)
            small.send("POST /bot1:x/sendMessage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n\(chunk)0\r\n\r\n")
            #expect(await small.readResponse()?.status == 401)
        }
    }

    // MARK: Connections per address

    @Test func connectionsFromOneAddressAreCappedAndCountedDownOnClose() async throws {
        var limits = Self.fast
        limits.maxConnectionsPerAddress = 4
        limits.headerTimeout = .seconds(30)
        try await withServer(limits) { port, client in
            // The test client holds one connection of the four.
            #expect(try await client.request("/health", method: .get).status == 200)
            var open: [RawConnection] = []
            for _ in 0..<3 {
                let connection = try RawConnection(port: port)
                connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                #expect(await connection.readResponse()?.status == 200)
                open.append(connection)
            }
            let refused = try RawConnection(port: port)
            refused.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let answer = try #require(await refused.readResponse())
            #expect(answer.status == 429)
            #expect(answer.header("content-type") == "application/json")
            #expect(answer.text == #"{"ok":false,"error_code":429,"description":"Too Many Requests: too many connections from this address"}"#)
            #expect(await refused.waitForClose())

            for connection in open { connection.close() }
            // Every slot comes back (the count goes down as the server notices the closes).
            for _ in 0..<3 {
                var admitted: [RawConnection] = []
                for _ in 0..<3 {
                    let connection = try await connectAdmitted(port: port)
                    admitted.append(try #require(connection))
                }
                for connection in admitted { connection.close() }
            }
        }
    }

    /// A connection answered 200, retried for a few seconds while closed ones are still counted.
    private func connectAdmitted(port: Int) async throws -> RawConnection? {
        for _ in 0..<50 {
            let connection = try RawConnection(port: port)
            connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            if await connection.readResponse()?.status == 200 { return connection }
            connection.close()
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    // MARK: Methods and versions

    @Test(arguments: [
        "CONNECT 127.0.0.1:443 HTTP/1.1", "PUT /bot1:x/getMe HTTP/1.1", "DELETE /health HTTP/1.1", "HEAD /health HTTP/1.1",
        "OPTIONS * HTTP/1.1", "PATCH /health HTTP/1.1", "BREW /health HTTP/1.1", "get /health HTTP/1.1",
    ])
    func unsupportedMethodsGetACompleteBare501(requestLine: String) async throws {
        try await withServer(Self.fast) { port, _ in
            let connection = try RawConnection(port: port)
            connection.send("\(requestLine)\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
            let answer = try #require(await connection.readResponse())
            #expect(answer.status == 501 && answer.reason == "Not Implemented")
            #expect(answer.header("content-length") == "0" && answer.body.isEmpty)
            #expect(await connection.waitForClose())
        }
    }

    @Test(arguments: ["HTTP/2.0", "HTTP/1.2", "HTTP/0.9"])
    func otherHTTPVersionsGet505(version: String) async throws {
        try await withServer(Self.fast) { port, _ in
            let connection = try RawConnection(port: port)
            connection.send("GET /health \(version)\r\nHost: 127.0.0.1\r\n\r\n")
            let answer = try #require(await connection.readResponse())
            #expect(answer.status == 505)
            #expect(answer.header("content-length") == "0")
            #expect(await connection.waitForClose())
        }
    }

    @Test func aRefusedRequestIsAnsweredAfterTheOnesBeforeIt() async throws {
        try await withServer(Self.fast) { port, _ in
            let connection = try RawConnection(port: port)
            connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nPUT /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(await connection.readResponse()?.status == 200)
            #expect(await connection.readResponse()?.status == 501)
            #expect(await connection.waitForClose())
        }
    }

    @Test func garbageGetsABare400() async throws {
        try await withServer(Self.fast) { port, _ in
            let connection = try RawConnection(port: port)
            connection.send("GET /health HTTP/1.1\r\nBad Header\r\n\r\n")
            let answer = try #require(await connection.readResponse())
            #expect(answer.status == 400 && answer.header("content-length") == "0")
            #expect(await connection.waitForClose())
        }
    }

    // MARK: Support

    private func withServer(_ limits: ServerLimits, _ body: @Sendable (Int, Client) async throws -> Void) async throws {
        let world = try TestWorld()
        let app = try BotAPIServer.makeApplication(engine: world.engine, host: "127.0.0.1", port: 0, limits: limits)
        try await app.test(.live) { client in
            try await body(try #require(client.port), Client(client: client))
        }
    }
}

/// An HTTP answer read off a raw socket.
struct RawAnswer {
    let status: Int
    let reason: String
    let headers: [(String, String)]
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name }?.1
    }
}

/// A blocking loopback TCP client. Reads wait at most a few seconds; they run off the
/// concurrency pool so that a waiting test doesn't hold a thread the server needs.
final class RawConnection: @unchecked Sendable {
    private var descriptor: Int32
    /// Bytes read and not yet consumed as an answer.
    private(set) var received: [UInt8] = []

    init(port: Int) throws {
        descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard descriptor >= 0, result == 0 else {
            if descriptor >= 0 { _ = Glibc.close(descriptor) }
            throw SocketError()
        }
    }

    deinit { close() }

    /// Sends everything; false when the server has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    /// The next complete answer (head and `Content-Length` body), nil if none comes within
    /// `seconds`.
    func readResponse(within seconds: Double = 5) async -> RawAnswer? {
        await offPool { [self] in
            let deadline = Date().addingTimeInterval(seconds)
            while true {
                if let answer = takeAnswer() { return answer }
                guard readMore(until: deadline) else { return nil }
            }
        }
    }

    /// True once the server closes the connection (end of input or reset) within `seconds`;
    /// what arrives meanwhile is kept in ``received``.
    func waitForClose(within seconds: Double = 5) async -> Bool {
        await offPool { [self] in
            let deadline = Date().addingTimeInterval(seconds)
            while true {
                switch readOnce(until: deadline) {
                case .data: continue
                case .closed: return true
                case .timedOut: return false
                }
            }
        }
    }

    private enum ReadResult { case data, closed, timedOut }

    private func readMore(until deadline: Date) -> Bool {
        readOnce(until: deadline) == .data
    }

    private func readOnce(until deadline: Date) -> ReadResult {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0, descriptor >= 0 else { return .timedOut }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard Glibc.poll(&poller, 1, Int32(remaining * 1000) + 1) > 0 else { return .timedOut }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { Glibc.recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return .closed }
        received += chunk[..<count]
        return .data
    }

    /// Removes one complete answer from ``received``.
    private func takeAnswer() -> RawAnswer? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = received.indices.dropLast(3).first(where: { Array(received[$0..<$0 + 4]) == separator }) else { return nil }
        let head = String(decoding: received[..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2).map(String.init)
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        let bodyStart = end + 4
        guard received.count >= bodyStart + length else { return nil }
        let body = Array(received[bodyStart..<bodyStart + length])
        received.removeFirst(bodyStart + length)
        return RawAnswer(status: status, reason: statusLine.count > 2 ? statusLine[2] : "", headers: headers, body: body)
    }

    private func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    struct SocketError: Error {}
}
