import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A loopback HTTP/1.1 webhook receiver that records every request byte for byte and answers
/// however a test wants, including things a framework would not do: custom reason phrases,
/// closing without a response, a TCP reset, never answering.
final class TestReceiver: Sendable {
    struct Request: Sendable {
        /// Everything up to and including the blank line.
        let head: String
        let body: [UInt8]
        /// Which connection (in accept order) carried it.
        let connection: Int
        let receivedAt: ContinuousClock.Instant

        var requestLine: String { head.components(separatedBy: "\r\n").first ?? "" }
        var headerLines: [String] {
            head.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        }
        func header(_ name: String) -> String? {
            for line in headerLines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                if line[..<colon].lowercased() == name.lowercased() {
                    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:] }
        var updateID: Int { json["update_id"] as? Int ?? -1 }
        var message: [String: Any] { json["message"] as? [String: Any] ?? [:] }
        var text: String { message["text"] as? String ?? "" }
        var chatID: Int { (message["chat"] as? [String: Any])?["id"] as? Int ?? 0 }
    }

    enum Reply: Sendable {
        case response(status: Int, reason: String, headers: [(String, String)] = [], body: [UInt8] = [])
        case raw([UInt8])
        case closeWithoutResponse
        case reset
        case hang

        static let ok = Reply.response(status: 200, reason: "OK")
        static func json(_ text: String, status: Int = 200, reason: String = "OK") -> Reply {
            .response(status: status, reason: reason, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
        }
    }

    private struct State {
        var requests: [Request] = []
        var connections = 0
        var closedConnections = 0
        var inFlight = 0
        var maxInFlight = 0
    }

    private let state = Mutex(State())
    private let handler: @Sendable (Request) async -> Reply
    private let tls: NIOSSLContext?
    private let serverChannel: Mutex<(any Channel)?> = Mutex(nil)

    init(tls: NIOSSLContext? = nil, handler: @escaping @Sendable (Request) async -> Reply = { _ in .ok }) {
        self.tls = tls
        self.handler = handler
    }

    /// A TLS receiver presenting `certificatePEM`.
    static func tls(certificatePEM: String, keyPEM: String, handler: @escaping @Sendable (Request) async -> Reply = { _ in .ok }) throws -> TestReceiver {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem)))
        return TestReceiver(tls: try NIOSSLContext(configuration: configuration), handler: handler)
    }

    var requests: [Request] { state.withLock { $0.requests } }
    var connectionCount: Int { state.withLock { $0.connections } }
    var closedConnectionCount: Int { state.withLock { $0.closedConnections } }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    /// Starts listening on `host` (a loopback address) and returns the port.
    func start(host: String = "127.0.0.1") async throws -> Int {
        let tls = self.tls
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                let number = self.state.withLock { state -> Int in
                    state.connections += 1
                    return state.connections
                }
                return channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.addHandler(ReceiverHandler(receiver: self, connection: number))
                }
            }
            .bind(host: host, port: 0).get()
        serverChannel.withLock { $0 = channel }
        return channel.localAddress?.port ?? 0
    }

    func stop() async {
        let channel = serverChannel.withLock { $0 }
        try? await channel?.close()
    }

    fileprivate func handle(_ request: Request) async -> Reply {
        state.withLock { state in
            state.requests.append(request)
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
        }
        let reply = await handler(request)
        state.withLock { $0.inFlight -= 1 }
        return reply
    }

    fileprivate func connectionClosed() {
        state.withLock { $0.closedConnections += 1 }
    }

    /// Waits (bounded) until `condition` holds for the recorded requests.
    @discardableResult
    func waitFor(
        _ what: String = "requests", timeout: Duration = .seconds(10), _ condition: @Sendable ([Request]) -> Bool
    ) async throws -> [Request] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let current = requests
            if condition(current) { return current }
            guard ContinuousClock.now < deadline else {
                throw TestTimeout("\(what): condition not met within \(timeout); got \(current.count) requests: \(current.map(\.text))")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

struct TestTimeout: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads requests (head + Content-Length body), hands each to the receiver, writes the reply.
private final class ReceiverHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let receiver: TestReceiver
    let connection: Int
    private var buffer: [UInt8] = []
    private var busy = false

    init(receiver: TestReceiver, connection: Int) {
        self.receiver = receiver
        self.connection = connection
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        buffer.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        processNext(context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        receiver.connectionClosed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func processNext(context: ChannelHandlerContext) {
        guard !busy, let headEnd = find([13, 10, 13, 10]) else { return }
        let head = String(decoding: buffer[0..<(headEnd + 4)], as: UTF8.self)
        var length = 0
        for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        guard buffer.count >= headEnd + 4 + length else { return }
        let body = Array(buffer[(headEnd + 4)..<(headEnd + 4 + length)])
        buffer.removeFirst(headEnd + 4 + length)
        busy = true
        let request = TestReceiver.Request(head: head, body: body, connection: connection, receivedAt: .now)
        let channel = context.channel
        let receiver = self.receiver
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        Task {
            let reply = await receiver.handle(request)
            channel.eventLoop.execute {
                let (handler, context) = loopBound.value
                handler.send(reply, context: context)
            }
        }
    }

    private func send(_ reply: TestReceiver.Reply, context: ChannelHandlerContext) {
        busy = false
        switch reply {
        case .response(let status, let reason, let headers, let body):
            var text = "HTTP/1.1 \(status) \(reason)\r\n"
            for (name, value) in headers { text += "\(name): \(value)\r\n" }
            if !headers.contains(where: { $0.0.lowercased() == "content-length" || $0.0.lowercased() == "transfer-encoding" }) {
                text += "Content-Length: \(body.count)\r\n"
            }
            text += "\r\n"
            var out = context.channel.allocator.buffer(capacity: text.utf8.count + body.count)
            out.writeString(text)
            out.writeBytes(body)
            context.writeAndFlush(wrapOutboundOut(out), promise: nil)
            let closes = headers.contains { $0.0.lowercased() == "connection" && $0.1.lowercased() == "close" }
            if closes { context.close(promise: nil) } else { processNext(context: context) }
        case .raw(let bytes):
            var out = context.channel.allocator.buffer(capacity: bytes.count)
            out.writeBytes(bytes)
            context.writeAndFlush(wrapOutboundOut(out), promise: nil)
            processNext(context: context)
        case .closeWithoutResponse:
            context.close(promise: nil)
        case .reset:
            guard let provider = context.channel as? any SocketOptionProvider else {
                context.close(promise: nil)
                return
            }
            provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        case .hang:
            break
        }
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for i in 0...(buffer.count - needle.count) where buffer[i] == needle[0] && Array(buffer[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }
}
