import BotAPI
import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// Answers `getUpdates` in the connection's channel pipeline rather than in Hummingbird's
/// request task, so that a parked long poll costs a few hundred bytes instead of a
/// suspended chain of async frames.
///
/// Why: a call that waits inside the responder keeps its connection task suspended through
/// Hummingbird's, the responder's, the engine's and the method's frames, and a task keeps
/// the allocator slabs of its deepest chain while it lives: about 20 KB per parked call
/// (BENCHMARKS.md, "parked calls"). Here the engine runs each step of the call on a
/// short-lived task (``LongPollSteps``; ``Engine/start(surface:token:method:parameters:)``,
/// ``Engine/resume(_:after:)``); a parked call is the engine's ``ParkedCall`` held by the
/// hub's callback (``UpdateHub/park(recipient:seenVersion:deadline:wake:)``), and the answer
/// is written to the channel when a step answers.
///
/// The handler takes the requests whose path names getUpdates on the bot or user surface
/// (the form with a `method` parameter goes to the responder, which waits as before); every
/// other request passes through untouched. It sits after Hummingbird's connection-state
/// handler, which therefore still counts the request for idle timeouts and graceful
/// shutdown, and after ``RequestGuard``, whose limits apply first. Parameters, throttling,
/// the answer, the metrics and the log line are the responder's (``CallAnswering``).
///
/// Answers stay in request order on a pipelined connection: what arrives while a long poll
/// runs here, and a long poll that arrives while Hummingbird still owes an answer, is held
/// (and reading paused) until the answer before it is written.
final class LongPollHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// A getUpdates request being read.
    private struct Request {
        let route: Route
        let query: Substring?
        let contentType: String?
        let closesConnection: Bool
        let throttleKey: AuthenticationThrottle.Key
        /// A refusal decided from the head (a throttled client), answered once the body is read.
        let refusal: APIError?
        var body = ByteBuffer()
        var isTooLarge = false
    }

    /// A call handed to the engine.
    private struct Running {
        let route: Route
        let closesConnection: Bool
        let throttleKey: AuthenticationThrottle.Key
        let started: ContinuousClock.Instant
        let logger: Logger
        /// Set while the call waits on the hub.
        var ticket: UpdateHub.Ticket?
    }

    private enum State {
        /// Between requests.
        case idle
        /// Handing on a request that is not ours, until its end.
        case passing
        case reading(Request)
        case running(Running)
    }

    private let calls: CallAnswering
    /// Where the engine steps run (shared by the server's connections).
    private let steps: LongPollSteps
    private let limits: ServerLimits
    private let logger: Logger
    private var state = State.idle
    private var isClosed = false
    /// Requests handed on to Hummingbird whose answer has not been written to its end.
    private var owedByHummingbird = 0
    /// Parts read while they could not be handled yet, in order.
    private var held = CircularBuffer<HTTPRequestPart>()
    /// A read asked for while parts were held: passed on once they are handled.
    private var readIsWaiting = false

    init(calls: CallAnswering, steps: LongPollSteps, limits: ServerLimits, logger: Logger) {
        self.calls = calls
        self.steps = steps
        self.limits = limits
        self.logger = logger
    }

    // MARK: Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if held.isEmpty && handle(part, context: context) { return }
        held.append(part)
    }

    /// Handles a part now, or returns false when it must wait: a long poll of this
    /// connection is running, or a long poll's head arrived while Hummingbird still owes
    /// an answer.
    private func handle(_ part: HTTPRequestPart, context: ChannelHandlerContext) -> Bool {
        switch (state, part) {
        case (.running, _):
            return false
        case (.idle, .head(let head)):
            if let request = longPoll(head, channel: context.channel) {
                guard owedByHummingbird == 0 else { return false }
                state = .reading(request)
            } else {
                state = .passing
                owedByHummingbird += 1
                context.fireChannelRead(wrapInboundOut(part))
            }
        case (.passing, .end):
            state = .idle
            context.fireChannelRead(wrapInboundOut(part))
        case (.reading(var request), .body(let chunk)):
            if !request.isTooLarge {
                if request.body.readableBytes + chunk.readableBytes > limits.maxBodyBytes {
                    request.isTooLarge = true
                    request.body = ByteBuffer()
                } else {
                    request.body.writeImmutableBuffer(chunk)
                }
            }
            state = .reading(request)
        case (.reading(let request), .end):
            begin(request, context: context)
        default:
            // The body of a request handed on.
            context.fireChannelRead(wrapInboundOut(part))
        }
        return true
    }

    /// Handles the held parts that can be handled now; reading resumes once none is left.
    private func handleHeld(context: ChannelHandlerContext) {
        var handled = false
        while let part = held.first, handle(part, context: context) {
            held.removeFirst()
            handled = true
        }
        // NIOAsyncChannel hands what it was given on to Hummingbird at a read's completion.
        if handled { context.fireChannelReadComplete() }
        if held.isEmpty && readIsWaiting {
            readIsWaiting = false
            context.read()
        }
    }

    func read(context: ChannelHandlerContext) {
        // Held parts are the read-ahead of a pipelining client: read no more meanwhile.
        if held.isEmpty { context.read() } else { readIsWaiting = true }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // Hummingbird's answers: once one is complete, a long poll held behind it may start.
        guard case .end = unwrapOutboundIn(data) else { return context.write(data, promise: promise) }
        // Never below zero: an answer to nothing handed on (none is known) must not hold
        // every later long poll back.
        owedByHummingbird = max(0, owedByHummingbird - 1)
        context.write(data, promise: promise)
        if owedByHummingbird == 0 && !held.isEmpty { handleHeld(context: context) }
    }

    /// The request as a long poll to answer here, or nil to hand it on.
    private func longPoll(_ head: HTTPRequest, channel: any Channel) -> Request? {
        guard head.method == .get || head.method == .post, let target = head.path, Self.mayName(target) else { return nil }
        let uri = URI(target)
        let path = RequestParameters.percentDecode(ArraySlice(uri.path.utf8), plusIsSpace: false)
        guard case .success(let route) = Route.parse(path), route.surface != .admin,
              calls.engine.canonicalMethodName(route.method, on: route.surface) == LongPollHandler.method
        else { return nil }
        let key = AuthenticationThrottle.key(address: channel.remoteAddress?.ipAddress, surface: route.surface, token: route.token)
        return Request(
            route: route, query: uri.query.map { Substring($0) }, contentType: head.headerFields[.contentType],
            closesConnection: head.headerFields[.connection] == "close", throttleKey: key, refusal: calls.throttle.refusal(for: key))
    }

    /// The method this handler answers.
    static let method = "getUpdates"

    /// Whether the path of `target` ends in the method's name (ASCII, any case): every
    /// request's head comes through here, and most are not long polls, so this byte check
    /// spares them the path's decoding and parsing. A name spelled with percent escapes fails
    /// it and goes to the responder, which answers getUpdates too.
    static func mayName(_ target: String) -> Bool {
        let name = "getupdates".utf8
        var path = target.utf8[...]
        if let query = path.firstIndex(of: UInt8(ascii: "?")) { path = path[..<query] }
        guard path.count >= name.count else { return false }
        return zip(path.suffix(name.count), name).allSatisfy { byte, letter in byte | 0x20 == letter }
    }

    // MARK: Running

    private func begin(_ request: Request, context: ChannelHandlerContext) {
        let parameters: BotAPI.Parameters
        // Refused before the engine, as the responder refuses: not counted, not logged.
        if request.isTooLarge { return finish(.bare(.contentTooLarge), closing: request.closesConnection, context: context) }
        if let refusal = request.refusal { return finish(.failure(refusal), closing: request.closesConnection, context: context) }
        switch CallAnswering.parameters(query: request.query, contentType: request.contentType, body: request.body) {
        case .success(let parsed): parameters = parsed
        case .failure(let error): return finish(.failure(error), closing: request.closesConnection, context: context)
        }
        let route = request.route
        // Hummingbird's request id, as the responder's log lines carry it.
        var requestLogger = logger
        requestLogger[metadataKey: "hb.request.id"] = .stringConvertible(RequestID())
        state = .running(Running(
            route: route, closesConnection: request.closesConnection, throttleKey: request.throttleKey,
            started: .now, logger: requestLogger))
        let engine = calls.engine
        let eventLoop = context.eventLoop
        let handler = NIOLoopBound(self, eventLoop: eventLoop)
        let boundContext = NIOLoopBound(context, eventLoop: eventLoop)
        steps.run {
            let step = await engine.start(surface: route.surface, token: route.token, method: route.method, parameters: parameters)
            eventLoop.execute { handler.value.proceed(step, context: boundContext.value) }
        }
    }

    /// Takes the engine's next step on the event loop: writes the answer, or parks the call
    /// on the hub until its updates come, its deadline passes or a newer call replaces it.
    private func proceed(_ step: CallStep, context: ChannelHandlerContext) {
        guard case .running(var running) = state else { return }
        switch step {
        case .answered(let result):
            let answer = calls.answer(
                result, method: running.route.method, route: running.route, started: running.started, logger: running.logger,
                throttleKey: running.throttleKey)
            // Counted and logged even when nobody is left to read it.
            guard !isClosed else {
                state = .idle
                return
            }
            finish(answer, closing: running.closesConnection, context: context)
        case .parked(let call):
            // The client went away while the step ran: the call ends here, unanswered.
            guard !isClosed else {
                state = .idle
                return
            }
            let engine = calls.engine
            let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
            let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
            let eventLoop = context.eventLoop
            let resume: @Sendable (UpdateHub.WaitOutcome) -> Void = { [steps] outcome in
                steps.run {
                    let next = await engine.resume(call, after: outcome)
                    eventLoop.execute { handler.value.proceed(next, context: boundContext.value) }
                }
            }
            switch engine.hub.park(recipient: call.recipient, seenVersion: call.seenVersion, deadline: call.deadline, wake: resume) {
            case .parked(let ticket):
                running.ticket = ticket
                state = .running(running)
            case .ended(let outcome):
                // Updates came between the read and the park (or the server is stopping):
                // go on at once.
                resume(outcome)
            }
        }
    }

    /// Writes the answer; the connection is then free for the next request.
    private func finish(_ answer: BufferedAnswer, closing: Bool, context: ChannelHandlerContext) {
        state = .idle
        write(answer, closing: closing, context: context)
        if !closing { handleHeld(context: context) }
    }

    private func write(_ answer: BufferedAnswer, closing: Bool, context: ChannelHandlerContext) {
        // The headers in the order Hummingbird writes them: the answer's, the length, the date.
        var headers = answer.headers
        if headers[.contentLength] == nil { headers[.contentLength] = String(answer.body.readableBytes) }
        headers[.date] = HTTPDate.now()
        context.write(wrapOutboundOut(.head(HTTPResponse(status: answer.status, headerFields: headers))), promise: nil)
        if answer.body.readableBytes > 0 { context.write(wrapOutboundOut(.body(answer.body)), promise: nil) }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if closing { written.whenComplete { _ in context.close(promise: nil) } }
    }

    // MARK: The client going away

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // A client that half-closes while its long poll waits is gone too (as for the
        // responder's long polls): end the call and close instead of keeping the socket.
        if case ChannelEvent.inputClosed? = event as? ChannelEvent, case .running = state {
            clientLeft()
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        clientLeft()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        clientLeft()
    }

    /// A parked call leaves the hub now, without an answer (nor a metric or log line: it has
    /// no outcome); a running step finds the connection closed when it ends. Nothing is
    /// confirmed: updates are only confirmed by a later call's offset.
    private func clientLeft() {
        isClosed = true
        if case .running(var running) = state, let ticket = running.ticket {
            calls.engine.hub.cancel(ticket)
            running.ticket = nil
            state = .idle
        }
    }
}

/// The `Date` header's value (RFC 9110's IMF-fixdate), as Hummingbird writes it.
enum HTTPDate {
    static func now() -> String {
        var time = time_t(Date().timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 40)
        // The C locale's day and month names are the English ones the format requires.
        let count = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
