import Engine
import Logging
import NIOCore

/// The first handler of a connection after TLS: it sees the raw bytes, before the HTTP
/// decoder.
///
/// - It admits the connection against ``ServerLimits/maxConnectionsPerAddress`` and refuses
///   one over the cap with a complete answer (``FinalAnswer/tooManyConnections``).
/// - It tells its ``RequestGuard`` when bytes arrive, so the header timeout can run from the
///   first byte of a request (only the decoder knows where a head ends).
/// - It ends connections with a final answer: the answer is written, the sending side shut
///   down, and what the client still sends is read and dropped for a moment before the socket
///   closes. Closing with unread input would reset the connection, and a reset can destroy the
///   answer before the client reads it.
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// How long an ended connection keeps reading (and dropping) input before it closes, unless
    /// the client closes first.
    static let lingerTime = TimeAmount.seconds(2)

    weak var requestGuard: RequestGuard?

    private let peers: ConnectionsPerAddress
    private let logger: Logger
    private var context: ChannelHandlerContext?
    /// The counted address, released when the connection goes away.
    private var admittedAddress: String?
    private var isRefused = false
    /// Set once the connection is ending: input is dropped from then on.
    private var isDiscarding = false
    private var isFinished = false
    private var lingerTimer: Scheduled<Void>?

    init(peers: ConnectionsPerAddress, logger: Logger) {
        self.peers = peers
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // Accepted sockets know their peer; a channel without an address is not counted.
        guard let address = context.channel.remoteAddress?.ipAddress else { return }
        if peers.admit(address) {
            admittedAddress = address
        } else {
            isRefused = true
            if context.channel.isActive { refuse() }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if let admittedAddress { peers.release(admittedAddress) }
        admittedAddress = nil
        lingerTimer?.cancel()
        lingerTimer = nil
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        if isRefused { refuse() }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isDiscarding else { return }
        requestGuard?.bytesArrived()
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The client closed its side after our answer: nothing more to wait for.
        if isFinished, case ChannelEvent.inputClosed? = event as? ChannelEvent {
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Drops everything the client sends from now on.
    func discardInput() {
        isDiscarding = true
    }

    /// Writes `answer` (if any) after everything already written, shuts down the sending side
    /// and closes the connection once the client closes or ``lingerTime`` has passed.
    func finish(with answer: FinalAnswer?) {
        guard let context, !isFinished else { return }
        isFinished = true
        isDiscarding = true
        // An empty write completes once every write before it has gone out, so the shutdown
        // doesn't cut off an answer still queued.
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(answer?.bytes ?? ByteBuffer()), promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in
            let halfClosed = context.eventLoop.makePromise(of: Void.self)
            halfClosed.futureResult.assumeIsolated().whenFailure { _ in context.close(promise: nil) }
            context.close(mode: .output, promise: halfClosed)
        }
        lingerTimer = context.eventLoop.assumeIsolated().scheduleTask(in: Self.lingerTime) {
            context.close(promise: nil)
        }
    }

    private func refuse() {
        logger.debug("Refusing a connection: too many from one address", metadata: ["peer": "\(context?.channel.remoteAddress?.description ?? "?")"])
        finish(with: .tooManyConnections)
    }
}

/// The answers a connection ends with, written as raw bytes below the HTTP encoder: the
/// connection closes after them (behaviour.md §1.6: bare HTTP errors, connection closed).
enum FinalAnswer: Equatable {
    /// 400: the request could not be parsed.
    case badRequest
    /// 413: the declared body is over ``ServerLimits/maxBodyBytes``.
    case contentTooLarge
    /// 431: the request line and headers are over ``ServerLimits/maxHeaderBytes``.
    case headerFieldsTooLarge
    /// 501: a request method other than GET and POST (behaviour.md §1.1).
    case notImplemented
    /// 505: an HTTP version other than 1.0 and 1.1.
    case versionNotSupported
    /// 429 with an error envelope: the client address already has
    /// ``ServerLimits/maxConnectionsPerAddress`` connections open. A JSON answer rather than a
    /// bare one, so bot libraries report it as an API error; 429 is the code the Bot API uses
    /// for "slow down".
    case tooManyConnections

    static let tooManyConnectionsError = APIError(
        code: 429, description: "Too Many Requests: too many connections from this address")

    /// Status line reasons as the official server writes them (behaviour.md §1.7).
    private var statusLine: String {
        switch self {
        case .badRequest: "400 Bad Request"
        case .contentTooLarge: "413 Request Entity Too Large"
        case .headerFieldsTooLarge: "431 Request Header Fields Too Large"
        case .notImplemented: "501 Not Implemented"
        case .versionNotSupported: "505 HTTP Version Not Supported"
        case .tooManyConnections: "429 Too Many Requests"
        }
    }

    var bytes: ByteBuffer {
        let body = self == .tooManyConnections ? Envelope.failure(Self.tooManyConnectionsError) : []
        var head = "HTTP/1.1 \(statusLine)\r\nConnection: close\r\n"
        if !body.isEmpty { head += "Content-Type: application/json\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        var buffer = ByteBuffer(string: head)
        buffer.writeBytes(body)
        return buffer
    }
}
