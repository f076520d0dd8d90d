import Foundation

/// Downloads a file the server was given by URL (`photo=https://…`). The engine knows no
/// HTTP: the program injects an implementation (the Webhooks module's NIO client) through
/// ``EngineOptions/remoteFileLoader``; without one, URLs are refused. An implementation
/// refuses non-public addresses unless the server was started to allow them.
public protocol RemoteFileLoader: Sendable {
    /// The body of a GET of `url` (http or https), at most `maxBytes` long.
    func load(_ url: URL, maxBytes: Int) async throws(RemoteFileError) -> RemoteFile
}

/// A downloaded file.
public struct RemoteFile: Sendable {
    public var data: Data
    /// The response's `Content-Type`, if any.
    public var contentType: String?

    public init(data: Data, contentType: String?) {
        self.data = data
        self.contentType = contentType
    }
}

/// Why a URL could not be loaded.
public enum RemoteFileError: Error, Sendable, Equatable {
    /// Not a URL this loader can fetch (scheme, host).
    case wrongURL
    /// The host (or a redirect's host) resolves to an address downloads may not reach:
    /// loopback, private, link-local, reserved… (see `IPAddress.isPublic`).
    case refusedAddress
    /// Longer than allowed.
    case tooBig
    /// Connection, TLS, timeout, non-2xx status, malformed response.
    case failed(String)
}
