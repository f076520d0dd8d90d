import Engine
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
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
    /// - Parameter onServerRunning: called with the bound port once the server listens (the
    ///   port is useful when `port` is 0).
    public static func makeApplication(
        engine: Engine,
        host: String = "127.0.0.1",
        port: Int = 8081,
        limits: ServerLimits = ServerLimits(),
        tls: TLSFiles? = nil,
        services: [any Service] = [],
        logger: Logger = Logger(label: "botapi.server"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        // The official server keeps idle connections for 500 s. Each connection gets its own
        // handler, reporting to this application's registry.
        let disconnects = ClientDisconnects()
        let http1: HTTPServerBuilder = .http1(
            configuration: .init(additionalChannelHandlers: [ClientDisconnectHandler(registry: disconnects)], idleTimeout: .seconds(500)))
        var server = http1
        if let tls {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificatePath).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: tls.privateKeyPath, format: .pem)
            server = try .tls(http1, tlsConfiguration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        }
        return Application(
            responder: APIResponder(engine: engine, limits: limits, disconnects: disconnects, throttle: AuthenticationThrottle()),
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
