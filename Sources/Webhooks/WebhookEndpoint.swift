import Engine
import Foundation
import NIOCore

/// Where and how a bot's updates are POSTed: the webhook URL taken apart the way the
/// official server does (behaviour.md §4.1: `[scheme://][userinfo@]host[:port][/path?query]`,
/// no scheme meaning https), plus the fixed IP address if one was set.
struct WebhookEndpoint: Sendable, Equatable {
    let isHTTPS: Bool
    /// The host as written in the URL, without IPv6 brackets.
    let host: String
    let port: Int
    /// The request target: path and query, never empty; characters ≤ 0x20 percent-encoded.
    let target: String
    /// The `Host` header: host, plus `:port` when it is not the scheme's default.
    let hostHeader: String
    /// `Authorization: Basic …` when the URL has `user:pass@`.
    let authorization: String?
    /// Connect here instead of resolving `host` (setWebhook's `ip_address`).
    let fixedIP: String?

    /// Nil when the URL cannot be parsed (setWebhook rejects such URLs, so this only
    /// happens with records written some other way).
    init?(url: String, fixedIP: String?) {
        guard let parsed = WebhookURL(url) else { return nil }
        isHTTPS = parsed.isHTTPS
        host = parsed.host
        port = parsed.port
        authorization = parsed.userinfo.map { "Basic " + Data($0.utf8).base64EncodedString() }
        let shownHost = parsed.isBracketed ? "[\(parsed.host)]" : parsed.host
        hostHeader = port == parsed.defaultPort ? shownHost : "\(shownHost):\(port)"
        var bytes: [UInt8] = []
        for byte in parsed.pathAndQuery.utf8 {
            if byte <= 0x20 { bytes.append(contentsOf: Array(String(format: "%%%02X", byte).utf8)) } else { bytes.append(byte) }
        }
        var encoded = String(decoding: bytes, as: UTF8.self)
        if encoded.isEmpty || encoded.first == "?" { encoded = "/" + encoded }
        target = encoded
        self.fixedIP = fixedIP.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the URL's host is an IP address literal (no SNI; the certificate must name the IP).
    var hostIsIPAddress: Bool { WebhookURL.isIPAddress(host) }

    /// The delivery request for one update, byte for byte as behaviour.md §4.3 shows it
    /// (the official server also sends `Accept-Encoding: gzip, deflate`; this one leaves it
    /// out because it cannot decompress a compressed reply carrying a method call).
    func request(body: [UInt8], secretToken: String?, allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: body.count + target.utf8.count + 256)
        buffer.writeString("POST \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\n")
        if let authorization { buffer.writeString("Authorization: \(authorization)\r\n") }
        if let secretToken, !secretToken.isEmpty { buffer.writeString("X-Telegram-Bot-Api-Secret-Token: \(secretToken)\r\n") }
        buffer.writeString("Content-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: keep-alive\r\n\r\n")
        buffer.writeBytes(body)
        return buffer
    }
}
