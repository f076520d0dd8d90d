import Engine
import Hummingbird
import Logging

/// The HTTP server: binds an address and answers every surface through the engine.
public enum BotAPIServer {
    /// Builds the application serving `engine` on `host`:`port`.
    ///
    /// - Parameter onServerRunning: called with the bound port once the server listens (the
    ///   port is useful when `port` is 0).
    public static func makeApplication(
        engine: Engine,
        host: String = "127.0.0.1",
        port: Int = 8081,
        limits: ServerLimits = ServerLimits(),
        logger: Logger = Logger(label: "botapi.server"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            responder: APIResponder(engine: engine, limits: limits),
            server: .http1(configuration: .init(idleTimeout: .seconds(500))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
