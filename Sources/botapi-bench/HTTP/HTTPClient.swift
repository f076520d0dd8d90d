import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP/1.1 request, built once and sent any number of times.
///
/// Throughput phases send the same request millions of times, so the head and body are
/// prepared up front: sending one only copies references, never re-encodes parameters.
struct HTTPRequest: Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer?

    /// A GET of `uri` (path and query) on `host` ("address:port").
    static func get(_ uri: String, host: String) -> HTTPRequest {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: host)
        return HTTPRequest(head: HTTPRequestHead(version: .http1_1, method: .GET, uri: uri, headers: headers), body: nil)
    }

    /// A POST of `form` as `application/x-www-form-urlencoded`, the encoding every Bot API
    /// library can use.
    static func post(_ uri: String, form: FormParameters, host: String) -> HTTPRequest {
        let body = ByteBuffer(string: form.encoded)
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: host)
        headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        return HTTPRequest(head: HTTPRequestHead(version: .http1_1, method: .POST, uri: uri, headers: headers), body: body)
    }
}

/// A complete response with the moments its request left and its answer arrived.
///
/// Both instants are taken on the connection's event loop, next to the socket: a latency
/// computed from them excludes the time a waiting task needs to be scheduled again.
struct HTTPResponse: Sendable {
    let status: HTTPResponseStatus
    let body: ByteBuffer
    /// When the request was written to the connection.
    let sentAt: NIODeadline
    /// When the last byte of the response had been parsed.
    let receivedAt: NIODeadline

    var text: String { String(buffer: body) }
}

/// Errors of the benchmark's own HTTP client.
enum HTTPClientError: Error, CustomStringConvertible {
    case connectionClosed
    case timedOut

    var description: String {
        switch self {
        case .connectionClosed: "the connection closed before the response arrived"
        case .timedOut: "no response in time"
        }
    }
}

/// The pipeline end of a client connection: writes requests and pairs each response with
/// the oldest request still waiting, as HTTP/1.1 keep-alive requires.
///
/// It lives on its channel's event loop and is only touched there.
final class HTTPClientHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private struct Outstanding {
        let sentAt: NIODeadline
        let promise: EventLoopPromise<HTTPResponse>
    }

    private let eventLoop: any EventLoop
    private var context: ChannelHandlerContext?
    private var outstanding = CircularBuffer<Outstanding>(initialCapacity: 4)
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        failOutstanding(HTTPClientError.connectionClosed)
    }

    /// Writes `request` and returns its response. Call on the channel's event loop.
    ///
    /// - Parameter timeout: when given, the connection is closed if no response arrived by
    ///   then; that is the only way to drop one request on a keep-alive connection without
    ///   pairing later responses with the wrong requests.
    func send(_ request: HTTPRequest, timeout: TimeAmount? = nil) -> EventLoopFuture<HTTPResponse> {
        guard let context, context.channel.isActive else {
            return eventLoop.makeFailedFuture(HTTPClientError.connectionClosed)
        }
        let promise = eventLoop.makePromise(of: HTTPResponse.self)
        outstanding.append(Outstanding(sentAt: .now(), promise: promise))
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        if let body = request.body {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        if let timeout {
            let channel = context.channel
            let timer = eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                promise.fail(HTTPClientError.timedOut)
                channel.close(promise: nil)
            }
            promise.futureResult.assumeIsolated().whenComplete { _ in timer.cancel() }
        }
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body = nil
        case .body(var part):
            // Usually the whole body is one part, taken as it is; only split bodies are copied.
            if body == nil { body = part } else { body!.writeBuffer(&part) }
        case .end:
            guard let head, let request = outstanding.popFirst() else { return }
            let response = HTTPResponse(
                status: head.status, body: body ?? ByteBuffer(), sentAt: request.sentAt, receivedAt: .now())
            self.head = nil
            self.body = nil
            request.promise.succeed(response)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failOutstanding(HTTPClientError.connectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failOutstanding(error)
        context.close(promise: nil)
    }

    private func failOutstanding(_ error: any Error) {
        while let request = outstanding.popFirst() {
            request.promise.fail(error)
        }
    }
}

/// A keep-alive HTTP/1.1 connection to the server under test.
///
/// Requests may be sent from any thread; responses come back in order. Load phases call
/// ``send(_:timeout:)`` on the event loop itself so no request costs a thread hop.
final class HTTPConnection: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<HTTPClientHandler>

    var eventLoop: any EventLoop { channel.eventLoop }

    private init(channel: any Channel, handler: NIOLoopBound<HTTPClientHandler>) {
        self.channel = channel
        self.handler = handler
    }

    /// Opens a connection with Nagle's algorithm off: requests are small and latency matters.
    static func connect(host: String, port: Int, on eventLoop: any EventLoop) async throws -> HTTPConnection {
        let channel = try await ClientBootstrap(group: eventLoop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(HTTPClientHandler(eventLoop: channel.eventLoop))
                }
            }
            .connect(host: host, port: port)
            .get()
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: HTTPClientHandler.self), eventLoop: channel.eventLoop)
        }.get()
        return HTTPConnection(channel: channel, handler: handler)
    }

    /// Sends `request`; see ``HTTPClientHandler/send(_:timeout:)``.
    func send(_ request: HTTPRequest, timeout: TimeAmount? = nil) -> EventLoopFuture<HTTPResponse> {
        if eventLoop.inEventLoop {
            return handler.value.send(request, timeout: timeout)
        }
        return eventLoop.flatSubmit { self.handler.value.send(request, timeout: timeout) }
    }

    /// Sends `request` and waits for its response, for at most `timeout`.
    func response(to request: HTTPRequest, timeout: Duration = .seconds(60)) async throws -> HTTPResponse {
        try await send(request, timeout: TimeAmount(timeout)).get()
    }

    func close() async {
        try? await channel.close()
    }
}

// NIOCore converts between `TimeAmount` and `Duration` in both directions.
extension Duration {
    /// The duration in (fractional) milliseconds, for printing.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e3 + Double(attoseconds) / 1e15
    }

    /// The duration in (fractional) seconds.
    var seconds: Double { milliseconds / 1e3 }
}

extension EventLoopFuture where Value: Sendable {
    /// Waits for the value, at most `timeout`; the future itself is left alone.
    ///
    /// For responses whose request was sent long before (a parked long poll), when the
    /// deadline belongs to the wait, not to the request.
    func get(timeout: Duration) async throws -> Value {
        let promise = eventLoop.makePromise(of: Value.self)
        let timer = eventLoop.scheduleTask(in: TimeAmount(timeout)) { promise.fail(HTTPClientError.timedOut) }
        // Whichever comes first completes the promise; NIO ignores the later completion.
        cascade(to: promise)
        promise.futureResult.whenComplete { _ in timer.cancel() }
        return try await promise.futureResult.get()
    }
}
