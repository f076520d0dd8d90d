import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A local webhook endpoint: answers every POST with an empty 200 and counts the distinct
/// updates it received.
///
/// Distinct, because a server may redeliver an update it believes failed; a redelivery is
/// work, but not throughput.
final class WebhookReceiver: Sendable {
    /// What arrived so far.
    struct Tally: Sendable {
        var requests = 0
        var distinctUpdates = 0
        /// When the latest not-yet-seen update arrived.
        var lastNewUpdateAt: NIODeadline?
    }

    private struct State {
        var tally = Tally()
        var seen = Set<Int64>()
    }

    private let state = Mutex(State())
    private let channel = Mutex<(any Channel)?>(nil)

    /// The port it listens on, on 127.0.0.1.
    var port: Int { channel.withLock { $0?.localAddress?.port ?? 0 } }

    /// Starts listening on an ephemeral loopback port.
    static func start(on group: any EventLoopGroup) async throws -> WebhookReceiver {
        let receiver = WebhookReceiver()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(WebhookRequestHandler(receiver: receiver))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        receiver.channel.withLock { $0 = channel }
        return receiver
    }

    var tally: Tally { state.withLock { $0.tally } }

    /// Forgets everything received so far.
    func reset() {
        state.withLock { $0 = State() }
    }

    fileprivate func received(body: ByteBuffer) {
        let ids = UpdateIDs.all(in: body)
        let now = NIODeadline.now()
        state.withLock { state in
            state.tally.requests += 1
            for id in ids where state.seen.insert(id).inserted {
                state.tally.distinctUpdates += 1
                state.tally.lastNewUpdateAt = now
            }
        }
    }

    func stop() async {
        try? await channel.withLock { $0 }?.close()
    }
}

/// One webhook connection: collects each request's body, then answers 200.
private final class WebhookRequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let receiver: WebhookReceiver
    private var body = ByteBuffer()
    private var keepAlive = true

    init(receiver: WebhookReceiver) {
        self.receiver = receiver
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            body.clear()
            keepAlive = head.isKeepAlive
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            receiver.received(body: body)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: "0")
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            let keepAlive = self.keepAlive
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                if !keepAlive { context.close(promise: nil) }
            }
        }
    }
}
