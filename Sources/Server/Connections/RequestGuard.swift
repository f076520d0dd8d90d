import Logging
import NIOCore
import NIOHTTP1

/// Applies the HTTP limits to each request between the HTTP/1 decoder and Hummingbird
/// (behaviour.md §1.1, §1.6).
///
/// - Refused at the head, before any body is read, with a bare answer and the connection
///   closed: a method other than GET and POST (501), an HTTP version other than 1.0 and 1.1
///   (505), a declared `Content-Length` over ``ServerLimits/maxBodyBytes`` (413). Decoder
///   errors get their answer the same way: headers over the limit 431, an unknown method 501,
///   a bad version 505, anything else 400.
/// - A body that passes the limit without declaring its length (chunked) is handed on up to
///   the byte that passes it, so the responder answers 413; nothing more is read and the
///   connection closes after that answer.
/// - Read timeouts: a head must be complete within ``ServerLimits/headerTimeout`` of the
///   connection's opening or of the first byte of a later request (between requests only the
///   idle timeout applies), and a body may not go ``ServerLimits/bodyTimeout`` without a byte.
///   Both count only while the client is the one to speak: a request waiting for its answer
///   (a long poll) is not reading anything, and a request read ahead behind an unanswered one
///   is held back by the server, not the client.
///
/// Answers to refused requests wait for the answers to the requests before them, so that
/// answers stay in order on a pipelined connection.
final class RequestGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// What the connection reads next.
    private enum Reading {
        /// A request's head.
        case head
        /// The body of the request handed on last; `received` bytes so far.
        case body(received: Int)
        /// Nothing: the connection is ending.
        case nothing
    }

    /// How a connection ends once every request handed on has its answer.
    private enum Ending {
        /// With this answer.
        case answer(FinalAnswer)
        /// Right after the last answer (an upgrade request, a body over the limit).
        case close
    }

    private let limits: ServerLimits
    private let connection: ConnectionGuard
    private let logger: Logger
    private var context: ChannelHandlerContext?
    private var hasOpened = false

    private var reading = Reading.head
    private var ending: Ending?
    /// Requests handed on whose answer is not complete yet.
    private var unanswered = 0
    /// The request handed on last asked for an upgrade: llhttp stops parsing after it.
    private var closesAfterAnswer = false
    /// When the head being read started (connection opened, first byte of a later request,
    /// or the last answer went out if its bytes came earlier); nil between requests.
    private var headStartedAt: NIODeadline?
    private var lastBodyByteAt = NIODeadline.now()

    private var readTimer: Scheduled<Void>?
    private var readTimerDeadline: NIODeadline?

    init(limits: ServerLimits, connection: ConnectionGuard, logger: Logger) {
        self.limits = limits
        self.connection = connection
        self.logger = logger
    }

    // MARK: Connection events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { opened() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelReadTimer()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        opened()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelReadTimer()
        context.fireChannelInactive()
    }

    /// A new connection must send its first head within the header timeout.
    private func opened() {
        guard !hasOpened else { return }
        hasOpened = true
        headStartedAt = .now()
        updateReadTimer()
    }

    /// Called by ``ConnectionGuard`` before it hands bytes to the decoder.
    func bytesArrived() {
        if case .head = reading, headStartedAt == nil { headStartedAt = .now() }
    }

    // MARK: Requests

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard case .head = reading else { return }
            headStartedAt = nil
            if let refusal = refusal(of: head) {
                logger.debug("Refusing a request", metadata: ["status": "\(refusal)", "method": "\(head.method)"])
                end(.answer(refusal))
                return
            }
            reading = .body(received: 0)
            lastBodyByteAt = .now()
            unanswered += 1
            closesAfterAnswer = Self.asksForUpgrade(head)
            context.fireChannelRead(data)
        case .body(let bytes):
            guard case .body(let received) = reading else { return }
            let total = received + bytes.readableBytes
            reading = .body(received: total)
            lastBodyByteAt = .now()
            context.fireChannelRead(data)
            // The responder collecting the body sees it pass the limit and answers 413.
            if total > limits.maxBodyBytes { end(.close) }
        case .end:
            guard case .body = reading else { return }
            reading = .head
            context.fireChannelRead(data)
            if closesAfterAnswer { end(.close) }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Timers are armed only for what is still missing after a read, so a request that
        // arrives in one read costs no timer.
        updateReadTimer()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError else {
            // The decoder repeats its error for input after it; the connection is ending then.
            if ending != nil, error is ByteToMessageDecoderError { return }
            context.fireErrorCaught(error)
            return
        }
        if case .body = reading {
            // Hummingbird is reading this request's body: it must learn that the body is
            // broken, and answers the request itself.
            context.fireErrorCaught(error)
            end(.close)
            return
        }
        logger.debug("Refusing a request the decoder can't parse", metadata: ["error": "\(parseError)"])
        end(.answer(Self.answer(to: parseError)))
    }

    /// The bare answer to a head this server doesn't serve, if any.
    private func refusal(of head: HTTPRequestHead) -> FinalAnswer? {
        guard head.version == .http1_1 || head.version == .http1_0 else { return .versionNotSupported }
        guard head.method == .GET || head.method == .POST else { return .notImplemented }
        // llhttp has already refused malformed and conflicting lengths; a length too large
        // for Int is over the limit too.
        for value in head.headers["content-length"] {
            guard let length = Int(value), length <= limits.maxBodyBytes else { return .contentTooLarge }
        }
        return nil
    }

    private static func answer(to error: HTTPParserError) -> FinalAnswer {
        switch error {
        case .headerOverflow: .headerFieldsTooLarge
        case .invalidMethod: .notImplemented
        case .invalidVersion: .versionNotSupported
        default: .badRequest
        }
    }

    /// llhttp's rule: `Upgrade` plus `Connection: upgrade`.
    private static func asksForUpgrade(_ head: HTTPRequestHead) -> Bool {
        head.headers.contains(name: "upgrade")
            && head.headers[canonicalForm: "connection"].contains { $0.lowercased() == "upgrade" }
    }

    // MARK: Answers

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        // Never below zero: after a broken body Hummingbird may answer once more.
        unanswered = max(0, unanswered - 1)
        context.write(data, promise: promise)
        guard unanswered == 0 else { return }
        if ending != nil {
            finishIfAnswered()
        } else if case .head = reading, headStartedAt != nil {
            // Bytes of the next head came while this answer was pending: its time starts now.
            headStartedAt = .now()
            updateReadTimer()
        }
    }

    /// Stops reading and ends the connection once every request handed on has its answer.
    private func end(_ ending: Ending) {
        guard self.ending == nil else { return }
        self.ending = ending
        reading = .nothing
        cancelReadTimer()
        connection.discardInput()
        finishIfAnswered()
    }

    private func finishIfAnswered() {
        guard unanswered == 0, let ending else { return }
        switch ending {
        case .answer(let answer): connection.finish(with: answer)
        case .close: connection.finish(with: nil)
        }
    }

    // MARK: Read timeouts

    /// When the client must have sent what the connection waits for, if it waits for the
    /// client.
    private var readDeadline: NIODeadline? {
        switch reading {
        case .head:
            guard unanswered == 0, let headStartedAt else { return nil }
            return headStartedAt + TimeAmount(limits.headerTimeout)
        case .body:
            // Once its answer is out, the rest of a body is read and dropped: still the client's turn.
            guard unanswered <= 1 else { return nil }
            return lastBodyByteAt + TimeAmount(limits.bodyTimeout)
        case .nothing:
            return nil
        }
    }

    private func updateReadTimer() {
        guard let context, let deadline = readDeadline else { return }
        // A timer due earlier checks again when it fires; a stale one finds nothing to do.
        if let readTimerDeadline, readTimerDeadline <= deadline { return }
        readTimer?.cancel()
        readTimerDeadline = deadline
        readTimer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            readTimerFired()
        }
    }

    private func readTimerFired() {
        readTimer = nil
        readTimerDeadline = nil
        guard let context, let deadline = readDeadline else { return }
        if deadline <= .now() {
            logger.debug("Closing a connection: the client is too slow", metadata: ["reading": "\(reading)"])
            context.close(promise: nil)
        } else {
            updateReadTimer()
        }
    }

    private func cancelReadTimer() {
        readTimer?.cancel()
        readTimer = nil
        readTimerDeadline = nil
    }
}
