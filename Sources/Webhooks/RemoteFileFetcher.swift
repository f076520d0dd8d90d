import Engine
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Downloads files given to `send…` methods by URL, with the same NIO HTTP/1.1 exchange
/// the webhook deliverer uses: one GET per connection, a size cap (the body is cut and the
/// download refused once it passes `maxBytes`), a timeout for the whole download, and up to
/// five redirects.
///
/// By default only public addresses are fetched (``IPAddress/isPublic``), or a bot could
/// read the server's own network (cloud metadata at 169.254.169.254, admin pages on
/// localhost) through `getFile`. Each hop, redirects included, resolves its host once, is
/// refused if any of the addresses is not allowed, and then connects to those very addresses,
/// so a second DNS answer (rebinding) cannot pick another target. The Host header and TLS
/// SNI still carry the name.
public struct RemoteFileFetcher: RemoteFileLoader {
    private let group: any EventLoopGroup
    private let timeout: Duration
    private let mayConnect: @Sendable (IPAddress) -> Bool
    private static let maxRedirects = 5

    /// - Parameter allowsPrivateAddresses: also fetch from loopback, private, link-local and
    ///   other non-public addresses (`--local`, `--allow-private-urls`): for development and CI,
    ///   where test fixtures live on localhost.
    public init(
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, timeout: Duration = .seconds(30),
        allowsPrivateAddresses: Bool = false
    ) {
        if allowsPrivateAddresses {
            self.init(group: group, timeout: timeout, mayConnect: { _ in true })
        } else {
            self.init(group: group, timeout: timeout, mayConnect: { $0.isPublic })
        }
    }

    /// The test seam: `mayConnect` decides for each resolved address instead of the public
    /// rule, so a test can call one loopback address "public" and redirect from it to another.
    init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, timeout: Duration, mayConnect: @escaping @Sendable (IPAddress) -> Bool) {
        self.group = group
        self.timeout = timeout
        self.mayConnect = mayConnect
    }

    public func load(_ url: URL, maxBytes: Int) async throws(RemoteFileError) -> RemoteFile {
        var current = url
        for _ in 0...Self.maxRedirects {
            let response: WebhookResponse
            do {
                response = try await fetch(current, maxBytes: maxBytes)
            } catch let error as RemoteFileError {
                throw error
            } catch {
                throw .failed("\(error)")
            }
            if [301, 302, 303, 307, 308].contains(response.status), let location = response.header("location") {
                guard let next = URL(string: location, relativeTo: current)?.absoluteURL else { throw .wrongURL }
                current = next
                continue
            }
            guard (200..<300).contains(response.status) else { throw .failed("HTTP \(response.status)") }
            guard response.bodyComplete else { throw .tooBig }
            return RemoteFile(data: Data(response.body), contentType: response.header("content-type"))
        }
        throw .failed("too many redirects")
    }

    private func fetch(_ url: URL, maxBytes: Int) async throws -> WebhookResponse {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { throw RemoteFileError.wrongURL }
        let isHTTPS = scheme == "https"
        let port = url.port ?? (isHTTPS ? 443 : 80)
        let bareHost = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let addresses = try await Self.resolve(bareHost)
        // All or nothing: with one public and one private address, the order of a DNS answer
        // would choose whether the private one is reached.
        guard addresses.allSatisfy(mayConnect) else { throw RemoteFileError.refusedAddress }
        let isIP = IPAddress(bareHost) != nil
        let tls = isHTTPS ? try NIOSSLContext(configuration: .makeClientConfiguration()) : nil
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: isIP ? nil : bareHost))
                    }
                    try channel.pipeline.syncOperations.addHandler(ExchangeHandler())
                }
            }
        let channel = try await Self.connect(bootstrap, to: addresses, port: port)
        let connection = HTTPConnection(channel: channel)
        defer { connection.close() }
        let components = URLComponents(url: url, resolvingAgainstBaseURL: true)
        var target = components?.percentEncodedPath ?? "/"
        if target.isEmpty { target = "/" }
        if let query = components?.percentEncodedQuery { target += "?" + query }
        let shownHost = bareHost.contains(":") ? "[\(bareHost)]" : bareHost
        let hostHeader = port == (isHTTPS ? 443 : 80) ? shownHost : "\(shownHost):\(port)"
        var request = channel.allocator.buffer(capacity: 256)
        request.writeString(
            "GET \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: botapi\r\nAccept: */*\r\nConnection: close\r\n\r\n")
        return try await connection.exchange(request, readTimeout: timeout, maxBodySize: maxBytes)
    }

    /// The host's addresses, resolved once on the thread pool (the system resolver blocks).
    private static func resolve(_ host: String) async throws -> [IPAddress] {
        let resolved = try await NIOThreadPool.singleton.runIfActive { Result { () throws(IPAddress.ResolutionError) in try IPAddress.resolve(host) } }
        let addresses: [IPAddress]
        switch resolved {
        case .success(let list): addresses = list
        case .failure(let error): throw RemoteFileError.failed("cannot resolve \(host): \(error.message)")
        }
        guard !addresses.isEmpty else { throw RemoteFileError.failed("no address for \(host)") }
        return addresses
    }

    /// Connects to the first of the checked addresses that accepts, in the resolver's order
    /// (`localhost` may list `::1` before `127.0.0.1`).
    private static func connect(_ bootstrap: ClientBootstrap, to addresses: [IPAddress], port: Int) async throws -> any Channel {
        var lastError: any Error = RemoteFileError.failed("no address")
        for address in addresses {
            do {
                let socketAddress = try SocketAddress(packedIPAddress: ByteBuffer(bytes: address.bytes), port: port)
                return try await bootstrap.connect(to: socketAddress).get()
            } catch {
                lastError = error
            }
        }
        throw lastError
    }
}
