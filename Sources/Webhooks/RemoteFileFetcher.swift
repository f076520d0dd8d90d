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
/// Any host is fetched, loopback and private addresses included: this server is mostly
/// run on developer machines and in CI, where test fixtures live on localhost.
public struct RemoteFileFetcher: RemoteFileLoader {
    private let group: any EventLoopGroup
    private let timeout: Duration
    private static let maxRedirects = 5

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, timeout: Duration = .seconds(30)) {
        self.group = group
        self.timeout = timeout
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
        let isIP = WebhookURL.isIPAddress(bareHost)
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
        let channel = try await bootstrap.connect(host: bareHost, port: port).get()
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
}
