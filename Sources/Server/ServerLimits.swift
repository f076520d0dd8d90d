/// Limits applied to connections and requests before they reach the engine
/// (behaviour.md §1.1, §1.6). The defaults are the official server's where it has one.
public struct ServerLimits: Sendable {
    /// The largest request body read, uploads included. A larger declared `Content-Length`
    /// is answered 413 before any of the body is read; a chunked body is cut at this size.
    public var maxBodyBytes: Int
    /// The largest request line plus header fields (the official 256 KiB); beyond it 431.
    public var maxHeaderBytes: Int
    /// How long a request's line and headers may take to arrive, counted from the
    /// connection's opening or from the first byte of a later request.
    public var headerTimeout: Duration
    /// How long a request body may go without a byte arriving.
    public var bodyTimeout: Duration
    /// How long a connection may stay idle between requests (the official 500 s).
    public var idleTimeout: Duration
    /// Concurrent connections accepted from one client address; the next is refused with a
    /// 429 answer. Generous by default: CI farms and benchmarks open many from one address.
    public var maxConnectionsPerAddress: Int

    public init(
        maxBodyBytes: Int = 64 << 20,
        maxHeaderBytes: Int = 256 << 10,
        headerTimeout: Duration = .seconds(30),
        bodyTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(500),
        maxConnectionsPerAddress: Int = 1024
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnectionsPerAddress = maxConnectionsPerAddress
    }
}
