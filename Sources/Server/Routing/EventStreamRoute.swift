import Engine
import Foundation
import Hummingbird
import ServiceLifecycle

/// The push channel as server-sent events: `GET /user<token>/events` streams the user's
/// updates (event id = `update_id`; a reconnect's `Last-Event-ID`, or the `last_event_id`
/// query parameter, confirms everything up to it) and the ephemeral `chat_action` and
/// `bot_call` events; `GET /admin<token>/events?bot_id=N` streams one bot's `bot_call`
/// events. A comment every 15 s keeps proxies from closing it; it ends after 5 minutes and
/// the browser reconnects by itself (`retry: 1000`).
enum EventStreamRoute {
    /// The method-position name of the channel.
    static let name = "events"
    private static let lastEventID = HTTPFields.Element.Name("Last-Event-ID")!
    /// Asks proxies (nginx) not to buffer the stream.
    private static let accelBuffering = HTTPFields.Element.Name("X-Accel-Buffering")!

    static func respond(
        to route: Route, request: Request, engine: Engine, throttle: AuthenticationThrottle, throttleKey: AuthenticationThrottle.Key,
        keepAlive: Duration = .seconds(15), lifetime: Duration = .seconds(300)
    ) async -> Response {
        let query = request.uri.queryParameters
        let opened: Result<AsyncStream<PushItem>, APIError>
        switch route.surface {
        case .user:
            let header = request.headers[Self.lastEventID].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
            // Only an update id (positive) confirms anything; anything else reads from the oldest.
            let lastEventID = (header ?? query["last_event_id"].flatMap { Int64(String($0)) }).flatMap { $0 > 0 ? $0 : nil }
            opened = await engine.openPushChannel(token: route.token, lastEventID: lastEventID, keepAlive: keepAlive, lifetime: lifetime)
        case .admin:
            guard let botID = query["bot_id"].flatMap({ Int64(String($0)) }) else {
                return APIResponder.answer(.badRequest("parameter \"bot_id\" is required"))
            }
            opened = await engine.openCallLogChannel(adminToken: route.token, botID: botID, keepAlive: keepAlive, lifetime: lifetime)
        case .bot:
            return APIResponder.answer(.methodNotFound)
        }
        switch opened {
        case .failure(let error):
            if error.code == 401 { throttle.recordFailure(for: throttleKey) }
            return APIResponder.answer(error)
        case .success(let items):
            let body = ResponseBody { writer in
                // A graceful shutdown (SIGTERM) ends open channels at once instead of waiting
                // out their lifetime; browsers reconnect to the next server.
                let (relay, relaySink) = AsyncStream.makeStream(of: PushItem.self)
                let pump = Task {
                    for await item in items { relaySink.yield(item) }
                    relaySink.finish()
                }
                relaySink.onTermination = { _ in pump.cancel() }
                try await withGracefulShutdownHandler {
                    try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
                    for await item in relay {
                        try await writer.write(ByteBuffer(bytes: EventStreamFraming.encode(item)))
                    }
                } onGracefulShutdown: {
                    relaySink.finish()
                }
                pump.cancel()
                try await writer.finish(nil)
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store", Self.accelBuffering: "no"],
                body: body)
        }
    }
}

/// The `text/event-stream` format of push items.
public enum EventStreamFraming {
    /// One item in the event-stream format. Data lines never contain a line break: each
    /// line of the JSON (an Update has one after `update_id`) becomes a `data:` line, which
    /// the browser joins back with "\n". A keep-alive is a comment.
    public static func encode(_ item: PushItem) -> [UInt8] {
        guard case .event(let event) = item else { return Array(": keep-alive\n\n".utf8) }
        var bytes: [UInt8] = []
        if let name = event.name { bytes += Array("event: \(name)\n".utf8) }
        if let id = event.id { bytes += Array("id: \(id)\n".utf8) }
        for line in event.data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            bytes += Array("data: ".utf8) + line + [UInt8(ascii: "\n")]
        }
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
