import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A counting semaphore for tasks: `wait()` suspends while no permit is free and throws
/// `CancellationError` if the waiting task is cancelled.
final class AsyncSemaphore: Sendable {
    private struct State {
        var permits: Int
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    init(permits: Int) {
        state = Mutex(State(permits: permits))
    }

    func wait() async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID &+= 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Decision { case granted, cancelled, parked }
                let decision = state.withLock { state -> Decision in
                    // Checked under the lock: a cancellation handler that already ran found
                    // nothing to resume, so this is the last chance to see it.
                    if Task.isCancelled { return .cancelled }
                    if state.permits > 0 {
                        state.permits -= 1
                        return .granted
                    }
                    state.waiters.append((id, continuation))
                    return .parked
                }
                switch decision {
                case .granted: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .parked: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if state.waiters.isEmpty {
                state.permits += 1
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        waiter?.resume()
    }
}

/// The connections of one bot's webhook: at most `maxConnections` exchanges at a time, each
/// on its own keep-alive connection; idle connections are reused, and closed after the idle
/// timeout.
///
/// Why NIO directly rather than AsyncHTTPClient: the delivery request must be byte-exact
/// (behaviour.md §4.3: header set and order, `Content-Type: application/json` with no
/// charset, `Host` from the URL while connecting to a fixed `ip_address`), and
/// last_error_message must quote the reason phrase *as sent* ("Wrong response from the
/// webhook: 403 Request had the wrong secret token" from tornado). AsyncHTTPClient moves
/// `Content-Length` to the end and, through NIOHTTP1, replaces every reason phrase by the
/// standard one. Requests here are written by ``WebhookEndpoint/request(body:secretToken:allocator:)``
/// and responses read by ``HTTPResponseParser``; TLS is NIOSSL with the uploaded certificate
/// as the only trust root.
final class ConnectionPool: Sendable {
    private struct Idle {
        let connection: HTTPConnection
        let since: ContinuousClock.Instant
    }

    private struct State {
        var idle: [Idle] = []
        /// Whether a sweep of idle connections is scheduled. One timer per pool: a timer per
        /// release piled up one NIO scheduled task per delivery, and every cancelled read
        /// timeout then searched that heap (a tenth of the server's time at 5k deliveries/s).
        var isSweepScheduled = false
        var isShutDown = false
        /// Every open connection, so shutdown can close busy ones too.
        var open: [ObjectIdentifier: HTTPConnection] = [:]
    }

    let endpoint: WebhookEndpoint
    private let tls: NIOSSLContext?
    private let tlsError: String?
    private let group: any EventLoopGroup
    private let policy: WebhookDeliveryPolicy
    private let slots: AsyncSemaphore
    private let state = Mutex(State())

    init(endpoint: WebhookEndpoint, certificate: Data?, maxConnections: Int, group: any EventLoopGroup, policy: WebhookDeliveryPolicy) {
        self.endpoint = endpoint
        self.group = group
        self.policy = policy
        slots = AsyncSemaphore(permits: max(1, maxConnections))
        if endpoint.isHTTPS {
            do {
                tls = try Self.makeTLSContext(certificate: certificate)
                tlsError = nil
            } catch {
                tls = nil
                tlsError = DeliveryErrors.message(for: error) ?? "SSL error {\(error)}"
            }
        } else {
            tls = nil
            tlsError = nil
        }
    }

    /// Peer verification is always on, host name (or IP) included. An uploaded certificate
    /// (PEM or DER, possibly a PEM bundle) replaces the system trust store.
    static func makeTLSContext(certificate: Data?) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        if let certificate {
            let bytes = Array(certificate)
            let pemMarker = Array("-----BEGIN".utf8)
            let isPEM = bytes.count >= pemMarker.count && (0...(bytes.count - pemMarker.count)).contains {
                Array(bytes[$0..<($0 + pemMarker.count)]) == pemMarker
            }
            let certificates =
                isPEM ? try NIOSSLCertificate.fromPEMBytes(bytes) : [try NIOSSLCertificate(bytes: bytes, format: .der)]
            guard !certificates.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
            configuration.trustRoots = .certificates(certificates)
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// Runs `body` on a connection (a reused idle one or a new one), waiting for a free slot
    /// first; the connection goes back to the idle list afterwards if it can be reused.
    func withConnection<T: Sendable>(_ body: (HTTPConnection) async throws -> T) async throws -> T {
        try await slots.wait()
        defer { slots.signal() }
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            release(connection)
            return result
        } catch {
            release(connection)
            throw error
        }
    }

    private func acquire() async throws -> HTTPConnection {
        let now = ContinuousClock.now
        var stale: [HTTPConnection] = []
        let reused = state.withLock { state -> HTTPConnection? in
            while let candidate = state.idle.popLast() {
                if candidate.connection.isReusable, now - candidate.since < policy.idleConnectionTimeout {
                    return candidate.connection
                }
                stale.append(candidate.connection)
            }
            return nil
        }
        for connection in stale { forget(connection) }
        if let reused { return reused }
        return try await connect()
    }

    private func release(_ connection: HTTPConnection) {
        guard connection.isReusable else {
            forget(connection)
            return
        }
        let (accepted, startSweep) = state.withLock { state -> (Bool, Bool) in
            guard !state.isShutDown else { return (false, false) }
            state.idle.append(Idle(connection: connection, since: .now))
            defer { state.isSweepScheduled = true }
            return (true, !state.isSweepScheduled)
        }
        guard accepted else {
            forget(connection)
            return
        }
        if startSweep { scheduleSweep(in: policy.idleConnectionTimeout) }
    }

    private func scheduleSweep(in delay: Duration) {
        group.next().scheduleTask(in: delay.timeAmount) { [weak self] in
            self?.sweepIdle()
        }
    }

    /// Closes the connections idle for the whole timeout, and sweeps again when the oldest
    /// remaining one would reach it.
    private func sweepIdle() {
        let now = ContinuousClock.now
        let timeout = policy.idleConnectionTimeout
        var expired: [HTTPConnection] = []
        let next = state.withLock { state -> Duration? in
            state.idle.removeAll { idle in
                guard now - idle.since >= timeout else { return false }
                expired.append(idle.connection)
                return true
            }
            guard !state.isShutDown, let oldest = state.idle.map(\.since).min() else {
                state.isSweepScheduled = false
                return nil
            }
            return oldest + timeout - now
        }
        for connection in expired { forget(connection) }
        if let next { scheduleSweep(in: next) }
    }

    private func forget(_ connection: HTTPConnection) {
        state.withLock { _ = $0.open.removeValue(forKey: ObjectIdentifier(connection)) }
        connection.close()
    }

    private func connect() async throws -> HTTPConnection {
        if let tlsError { throw DeliveryErrors.Preformatted(message: tlsError) }
        let tls = self.tls
        let serverHostname = endpoint.hostIsIPAddress ? nil : endpoint.host
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(policy.connectTimeout.timeAmount)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                    }
                    try channel.pipeline.syncOperations.addHandler(ExchangeHandler())
                }
            }
        let channel: any Channel
        if let ip = endpoint.fixedIP ?? (endpoint.hostIsIPAddress ? endpoint.host : nil) {
            channel = try await bootstrap.connect(to: try SocketAddress(ipAddress: ip, port: endpoint.port)).get()
        } else {
            channel = try await bootstrap.connect(host: endpoint.host, port: endpoint.port).get()
        }
        let connection = HTTPConnection(channel: channel)
        let accepted = state.withLock { state -> Bool in
            guard !state.isShutDown else { return false }
            state.open[ObjectIdentifier(connection)] = connection
            return true
        }
        guard accepted else {
            connection.close()
            throw CancellationError()
        }
        return connection
    }

    /// Closes every connection; later exchanges fail.
    func shutdown() {
        let all = state.withLock { state -> [HTTPConnection] in
            state.isShutDown = true
            state.idle.removeAll()
            defer { state.open.removeAll() }
            return Array(state.open.values)
        }
        for connection in all { connection.close() }
    }
}
