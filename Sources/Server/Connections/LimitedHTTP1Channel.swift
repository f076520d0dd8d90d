import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 channel with the server's limits in front of it: a
/// ``ConnectionGuard`` before the HTTP codec (raw bytes) and a ``RequestGuard`` right after
/// the decoder (request parts, before Hummingbird turns them into its own types).
///
/// Hummingbird has no hook at those places, so the guards are inserted into the pipeline it
/// sets up, next to the NIO handlers it uses (`configureHTTPServerPipeline`). The same goes
/// for the ``LongPollHandler``, which answers getUpdates right after Hummingbird's
/// connection-state handler.
struct LimitedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let limits: ServerLimits
    let peers: ConnectionsPerAddress
    /// What the connection's ``LongPollHandler`` answers with, and where its steps run.
    let calls: CallAnswering
    let longPollSteps: LongPollSteps

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { [limits, peers, calls, longPollSteps] value in
            let pipeline = channel.pipeline.syncOperations
            let connection = ConnectionGuard(peers: peers, logger: logger)
            let request = RequestGuard(limits: limits, connection: connection, logger: logger)
            connection.requestGuard = request
            try pipeline.addHandler(connection, position: .before(pipeline.handler(type: HTTPResponseEncoder.self)))
            try pipeline.addHandler(request, position: .after(pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)))
            try pipeline.addHandler(
                LongPollHandler(calls: calls, steps: longPollSteps, limits: limits, logger: logger),
                position: .after(pipeline.handler(type: HTTPConnectionStateHandler.self)))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
