import Hummingbird
import NIOCore
import Synchronization

/// Ends long polls whose client went away.
///
/// A getUpdates call parks inside the request handler; NIO notices the client's close (its
/// end of input, or the socket failing) only in the channel pipeline, and nothing reads the
/// connection while the handler runs. ``ClientDisconnectHandler`` sits in every connection's
/// pipeline and reports the close here; a request that may park registers its task, which is
/// then cancelled. The cancelled wait releases the recipient's slot and ends the call without
/// confirming anything (updates are only confirmed by a later call's offset), and the server
/// closes the socket instead of keeping it until the timeout.
///
/// A client that only half-closes (shuts down its sending side) while waiting for a long
/// poll's answer is treated as gone too.
final class ClientDisconnects: Sendable {
    private struct Connection {
        var isClosed = false
        /// The task of the request currently registered on this connection.
        var watcher: (id: UInt64, cancel: @Sendable () -> Void)?
    }

    private struct State {
        var connections: [ObjectIdentifier: Connection] = [:]
        var nextWatcherID: UInt64 = 0
    }

    private let state = Mutex(State())

    func opened(_ channel: any Channel) {
        state.withLock { $0.connections[ObjectIdentifier(channel)] = Connection() }
    }

    func closed(_ channel: any Channel) {
        let cancel = state.withLock { state -> (@Sendable () -> Void)? in
            let key = ObjectIdentifier(channel)
            guard state.connections[key] != nil else { return nil }
            state.connections[key]?.isClosed = true
            defer { state.connections[key]?.watcher = nil }
            return state.connections[key]?.watcher?.cancel
        }
        cancel?()
    }

    func forget(_ channel: any Channel) {
        state.withLock { $0.connections[ObjectIdentifier(channel)] = nil }
    }

    /// Runs `body`, cancelling the current task if the client closes the connection before
    /// `body` returns. Connections without ``ClientDisconnectHandler`` (in-process test
    /// channels) are not watched.
    func cancellingOnClose<T>(of channel: any Channel, _ body: () async -> T) async -> T {
        let key = ObjectIdentifier(channel)
        let id: UInt64? = withUnsafeCurrentTask { task -> UInt64? in
            guard let task else { return nil }
            // The task outlives every use: the watcher is removed under the lock below
            // before this function returns, and `closed` cancels only under the same lock's
            // protection of that registration.
            nonisolated(unsafe) let current = task
            let cancel: @Sendable () -> Void = { current.cancel() }
            return state.withLock { state -> UInt64? in
                guard let connection = state.connections[key] else { return nil }
                if connection.isClosed {
                    cancel()
                    return nil
                }
                state.nextWatcherID &+= 1
                state.connections[key]?.watcher = (state.nextWatcherID, cancel)
                return state.nextWatcherID
            }
        }
        let value = await body()
        if let id {
            state.withLock { state in
                if state.connections[key]?.watcher?.id == id { state.connections[key]?.watcher = nil }
            }
        }
        return value
    }
}

/// Reports the connection's close to ``ClientDisconnects``.
final class ClientDisconnectHandler: ChannelInboundHandler, RemovableChannelHandler {
    // Reads pass through untouched.
    typealias InboundIn = Any

    private let registry: ClientDisconnects

    init(registry: ClientDisconnects) {
        self.registry = registry
    }

    func handlerAdded(context: ChannelHandlerContext) {
        registry.opened(context.channel)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        registry.forget(context.channel)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed? = event as? ChannelEvent {
            registry.closed(context.channel)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        registry.closed(context.channel)
        context.fireChannelInactive()
    }
}

/// The request context: Hummingbird's basic one plus the connection, so a long poll can be
/// watched for its client's close.
struct APIRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
