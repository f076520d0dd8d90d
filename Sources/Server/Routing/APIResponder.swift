import BotAPI
import Engine
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Answers every request: `/<role><token>/<method>` for the bot, user and admin surfaces,
/// and `/health` (a constant answer, the benchmark's ceiling). One responder instead of a
/// router because the token shares a path segment with its role prefix.
struct APIResponder: HTTPResponder {
    typealias Context = APIRequestContext

    let engine: Engine
    let limits: ServerLimits
    /// Long polls to end when their client goes away.
    let disconnects: ClientDisconnects
    /// Refuses clients that keep presenting wrong tokens.
    let throttle: AuthenticationThrottle
    /// Counts calls; serves `GET /metrics`.
    let metrics: ServerMetrics
    /// Reads a call's parameters; answers, counts and logs it.
    var calls: CallAnswering { CallAnswering(engine: engine, throttle: throttle, metrics: metrics) }
    /// The browser client's files (`GET /`, `GET /app/…`).
    var webClient = WebClientAssets(assets: [:])

    /// Answers fixed paths at once and hands everything else to a function of its own.
    ///
    /// An async function's frame lives in its connection task's stack allocator, whose slabs
    /// a connection keeps for its whole life, and a parked long poll holds the frames of its
    /// whole chain. The routes that wait (files, event streams, thumbnails, method calls) are
    /// therefore separate functions, never inlined here: a parked call's chain holds 3.3 KB of
    /// responder frames instead of 3.8 KB (BENCHMARKS.md, third round).
    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .post else {
            return Self.bare(.notImplemented)
        }
        let path = RequestParameters.percentDecode(ArraySlice(request.uri.path.utf8), plusIsSpace: false)
        if path == "/health" {
            // A balancer sends no traffic to an instance whose database stopped answering.
            guard engine.storeIsReachable else { return Self.answer(.storeUnreachable) }
            return Self.json(Self.healthBody, status: .ok)
        }
        if path == "/openapi.json", request.method == .get {
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }
        if path == "/metrics", request.method == .get { return await scrapeMetrics() }
        let address = context.channel.remoteAddress?.ipAddress
        if path.hasPrefix(FileRoute.prefix) { return await respondWithFile(path, address: address) }
        if request.method == .get, let page = webClient.respond(to: path, ifNoneMatch: request.headers[.ifNoneMatch]) { return page }
        let route: Route
        switch Route.parse(path) {
        case .success(let parsed): route = parsed
        case .failure(let error): return Self.answer(error)
        }
        let throttleKey = AuthenticationThrottle.key(address: address, surface: route.surface, token: route.token)
        if let refusal = throttle.refusal(for: throttleKey) { return Self.answer(refusal) }
        if request.method == .get, route.method == EventStreamRoute.name, route.surface != .bot {
            return await respondWithEventStream(route, request: request, throttleKey: throttleKey)
        }
        if request.method == .get, route.surface == .user, route.method == InlineThumbnailRoute.name {
            return await respondWithThumbnail(route, request: request, throttleKey: throttleKey)
        }
        return await respondToCall(route, request: request, context: context, throttleKey: throttleKey)
    }

    @inline(never)
    private func scrapeMetrics() async -> Response {
        let body = await metrics.scrape(engine: engine)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    @inline(never)
    private func respondWithFile(_ path: String, address: String?) async -> Response {
        await FileRoute.respond(to: path, engine: engine, throttle: throttle, address: address)
    }

    @inline(never)
    private func respondWithEventStream(_ route: Route, request: Request, throttleKey: AuthenticationThrottle.Key) async -> Response {
        await EventStreamRoute.respond(to: route, request: request, engine: engine, throttle: throttle, throttleKey: throttleKey)
    }

    @inline(never)
    private func respondWithThumbnail(_ route: Route, request: Request, throttleKey: AuthenticationThrottle.Key) async -> Response {
        await InlineThumbnailRoute.respond(to: route, request: request, engine: engine, throttle: throttle, throttleKey: throttleKey)
    }

    /// A method call: the body read and parsed, the engine's answer, its metrics and log line.
    @inline(never)
    private func respondToCall(_ route: Route, request: Request, context: Context, throttleKey: AuthenticationThrottle.Key) async -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limits.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            return Self.bare(.contentTooLarge)
        } catch {
            // A broken body (bad chunk framing) or a connection gone mid-body.
            return Self.bare(.badRequest)
        }
        let parameters: BotAPI.Parameters
        switch CallAnswering.parameters(query: request.uri.query.map { Substring($0) }, contentType: request.headers[.contentType], body: body) {
        case .success(let parsed): parameters = parsed
        case .failure(let error): return Self.answer(error)
        }
        var method = route.method
        if method.isEmpty { method = parameters["method"] ?? "" }
        guard !method.isEmpty else { return Self.answer(.methodNotFound) }
        return await invoke(method, route: route, parameters: parameters, context: context, throttleKey: throttleKey)
    }

    /// Runs the call in the engine (watched for the client's close when it may park) and
    /// records it.
    @inline(never)
    private func invoke(
        _ method: String, route: Route, parameters: BotAPI.Parameters, context: Context, throttleKey: AuthenticationThrottle.Key
    ) async -> Response {
        let call = { [engine] in
            await engine.call(surface: route.surface, token: route.token, method: method, parameters: parameters)
        }
        let started = ContinuousClock.now
        let result = engine.mayPark(method: method, on: route.surface, parameters: parameters)
            ? await disconnects.cancellingOnClose(of: context.channel, call) : await call()
        return calls.answer(result, method: method, route: route, started: started, logger: context.logger, throttleKey: throttleKey).response
    }

    // MARK: Responses

    static let healthBody = Array(#"{"ok":true,"result":true}"#.utf8)

    static func answer(_ error: APIError) -> Response {
        BufferedAnswer.failure(error).response
    }

    static func json(_ bytes: [UInt8], status: HTTPResponse.Status) -> Response {
        json(ByteBuffer(bytes: bytes), status: status)
    }

    static func json(_ buffer: ByteBuffer, status: HTTPResponse.Status) -> Response {
        BufferedAnswer.json(buffer, status: status).response
    }

    /// A status with an empty body, as the official HTTP layer answers requests it cannot
    /// parse.
    static func bare(_ status: HTTPResponse.Status) -> Response {
        BufferedAnswer.bare(status).response
    }
}

/// Where a request goes: the surface, the token and the method name from the path.
struct Route: Equatable {
    let surface: Surface
    let token: Substring
    /// Empty when the path ends after the token's slash: the `method` parameter names it.
    let method: String

    /// Parses a percent-decoded path as the official server does (behaviour.md §1.2).
    static func parse(_ path: String) -> Result<Route, APIError> {
        guard path.hasPrefix("/") else {
            return .failure(APIError(code: 404, description: "Not Found: absolute URI is specified in the Request-Line"))
        }
        let rest = path.dropFirst()
        let surface: Surface
        let afterRole: Substring
        if rest.hasPrefix("bot") {
            surface = .bot; afterRole = rest.dropFirst(3)
        } else if rest.hasPrefix("user") {
            surface = .user; afterRole = rest.dropFirst(4)
        } else if rest.hasPrefix("admin") {
            surface = .admin; afterRole = rest.dropFirst(5)
        } else {
            return .failure(.notFound)
        }
        guard let slash = afterRole.firstIndex(of: "/") else { return .failure(.notFound) }
        let token = afterRole[..<slash]
        var method = afterRole[afterRole.index(after: slash)...]
        // `/bot<token>/test/<method>` is the test environment: the same world here.
        if surface == .bot, method.hasPrefix("test/") {
            method = method.dropFirst(5)
            if method.isEmpty || method.lowercased().hasPrefix("test") { return .failure(.notFound) }
        } else if surface == .bot, method.lowercased() == "test" {
            return .failure(.notFound)
        }
        return .success(Route(surface: surface, token: token, method: String(method)))
    }
}
