import Engine
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// The HTTP server: binds an address and answers every surface through the engine.
public enum BotAPIServer {
    /// A certificate chain and private key (PEM files) to serve HTTPS with.
    public struct TLSFiles: Sendable {
        public var certificatePath: String
        public var privateKeyPath: String

        public init(certificatePath: String, privateKeyPath: String) {
            self.certificatePath = certificatePath
            self.privateKeyPath = privateKeyPath
        }
    }

    /// Builds the application serving `engine` on `host`:`port`, over TLS when `tls` is given.
    ///
    /// - Parameters:
    ///   - metrics: what `GET /metrics` serves; pass the one the store and webhook delivery
    ///     record into.
    ///   - onServerRunning: called with the bound port once the server listens (the port is
    ///     useful when `port` is 0).
    public static func makeApplication(
        engine: Engine,
        host: String = "127.0.0.1",
        port: Int = 8081,
        limits: ServerLimits = ServerLimits(),
        tls: TLSFiles? = nil,
        services: [any Service] = [],
        metrics: ServerMetrics = ServerMetrics(),
        logger: Logger = Logger(label: "botapi.server"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        // Each connection gets its own disconnect handler, reporting to this application's
        // registry, and its guards (LimitedHTTP1Channel), counting against this application's
        // connections per address.
        let disconnects = ClientDisconnects()
        let peers = ConnectionsPerAddress(limit: limits.maxConnectionsPerAddress)
        let calls = CallAnswering(engine: engine, throttle: AuthenticationThrottle(), metrics: metrics)
        let longPollSteps = LongPollSteps()
        let http1 = HTTPServerBuilder { responder in
            let configuration = HTTP1Channel.Configuration(
                additionalChannelHandlers: [ClientDisconnectHandler(registry: disconnects)],
                idleTimeout: TimeAmount(limits.idleTimeout),
                httpDecoderConfiguration: .init(maxHeaderFieldSize: limits.maxHeaderBytes, maxHeaderListSize: limits.maxHeaderBytes))
            return LimitedHTTP1Channel(
                base: HTTP1Channel(responder: responder, configuration: configuration), limits: limits, peers: peers, calls: calls, longPollSteps: longPollSteps)
        }
        var server = http1
        if let tls {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificatePath).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: tls.privateKeyPath, format: .pem)
            server = try .tls(http1, tlsConfiguration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        }
        return Application(
            responder: APIResponder(
                engine: engine, limits: limits, disconnects: disconnects, throttle: calls.throttle, metrics: metrics,
                webClient: WebClientAssets.load()),
            server: server,
            // A deep accept queue: a deployment's bots all reconnect at once after a restart,
            // and a handshake dropped from a full queue looks connected to the client but is
            // never accepted (Hummingbird's default is 256; the kernel caps it at somaxconn).
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil, backlog: 4096),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
