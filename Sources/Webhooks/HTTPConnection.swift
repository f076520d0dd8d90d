import NIOCore
import NIOSSL
import Synchronization

/// What went wrong in one request/response exchange, below HTTP status codes.
enum ExchangeError: Error, Equatable {
    /// The peer closed the connection before a complete response. `receivedBytes` tells a
    /// stale keep-alive connection (nothing at all came back) from a cut-off response.
    case closedWithoutResponse(receivedBytes: Bool)
    /// No complete response within the read timeout after the request was sent.
    case readTimeout
    case malformed(String)
}

/// One request handed to a connection's pipeline, with the promise its response completes.
struct PendingExchange: Sendable {
    let request: ByteBuffer
    let response: EventLoopPromise<WebhookResponse>
    let readTimeout: TimeAmount
    let maxBodySize: Int
}

/// One keep-alive HTTP/1.1 connection (plain or TLS) to a webhook, carrying one exchange
/// at a time (no pipelining, like the official server).
final class HTTPConnection: Sendable {
    let channel: any Channel
    /// Cleared once a response said `Connection: close`, was HTTP/1.0, was cut, or failed.
    private let reusableFlag = Mutex(true)
    /// How many exchanges this connection has carried.
    private let uses = Mutex(0)

    init(channel: any Channel) {
        self.channel = channel
    }

    var isReusable: Bool { reusableFlag.withLock { $0 } && channel.isActive }
    var hasBeenUsed: Bool { uses.withLock { $0 } > 0 }

    /// Sends `request` and waits for the complete response. Cancelling the task closes the
    /// connection, which ends the exchange at once.
    func exchange(_ request: ByteBuffer, readTimeout: Duration, maxBodySize: Int) async throws -> WebhookResponse {
        uses.withLock { $0 += 1 }
        let promise = channel.eventLoop.makePromise(of: WebhookResponse.self)
        let pending = PendingExchange(request: request, response: promise, readTimeout: readTimeout.timeAmount, maxBodySize: maxBodySize)
        let channel = self.channel
        do {
            let response = try await withTaskCancellationHandler {
                channel.writeAndFlush(pending).whenFailure { error in
                    // The message never reached the handler (channel already closed): fail here.
                    promise.fail(error is ChannelError ? ExchangeError.closedWithoutResponse(receivedBytes: false) : error)
                }
                return try await promise.futureResult.get()
            } onCancel: {
                channel.close(promise: nil)
            }
            if !response.keepAlive { markUnusable() }
            return response
        } catch {
            markUnusable()
            throw error
        }
    }

    func markUnusable() {
        reusableFlag.withLock { $0 = false }
    }

    func close() {
        markUnusable()
        channel.close(promise: nil)
    }
}

/// The last handler of a webhook connection: writes a request, parses the response with
/// ``HTTPResponseParser`` (which keeps the reason phrase), and enforces the read timeout.
final class ExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = PendingExchange
    typealias OutboundOut = ByteBuffer

    private var pending: EventLoopPromise<WebhookResponse>?
    private var parser = HTTPResponseParser()
    private var timer: Scheduled<Void>?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        guard pending == nil else {
            exchange.response.fail(ExchangeError.malformed("connection busy"))
            promise?.fail(ExchangeError.malformed("connection busy"))
            return
        }
        pending = exchange.response
        parser = HTTPResponseParser(maxBodySize: exchange.maxBodySize)
        let loop = context.eventLoop.assumeIsolated()
        timer = loop.scheduleTask(in: exchange.readTimeout) { [self] in
            self.fail(ExchangeError.readTimeout, context: context)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenFailure { [self] error in
            self.fail(error, context: context)
        }
        context.writeAndFlush(wrapOutboundOut(exchange.request), promise: written)
        promise?.succeed()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        guard pending != nil else {
            // Bytes nobody asked for: the connection is out of step; drop it.
            context.close(promise: nil)
            return
        }
        let progress: HTTPResponseParser.Progress
        do {
            progress = try parser.feed(bytes.readableBytesView)
        } catch {
            fail(ExchangeError.malformed(error.reason), context: context)
            return
        }
        if case .complete(let response) = progress {
            complete(response, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if pending != nil {
            if let response = parser.finishAtEndOfStream() {
                complete(response, context: context)
            } else {
                fail(ExchangeError.closedWithoutResponse(receivedBytes: parser.receivedAnyBytes), context: context)
            }
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error, context: context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        if let pending {
            self.pending = nil
            pending.fail(ExchangeError.closedWithoutResponse(receivedBytes: parser.receivedAnyBytes))
        }
    }

    private func complete(_ response: WebhookResponse, context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        guard let pending else { return }
        self.pending = nil
        pending.succeed(response)
        if !response.keepAlive { context.close(promise: nil) }
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        if let pending {
            self.pending = nil
            pending.fail(error)
        }
        context.close(promise: nil)
    }
}
