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
        var rest = Substring(url)
        if let range = rest.range(of: "://") {
            let scheme = rest[..<range.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https" else { return nil }
            isHTTPS = scheme == "https"
            rest = rest[range.upperBound...]
        } else {
            isHTTPS = true
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        var pathAndQuery = rest[authorityEnd...]
        if let hash = pathAndQuery.firstIndex(of: "#") { pathAndQuery = pathAndQuery[..<hash] }
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            authorization = "Basic " + Data(userinfo.utf8).base64EncodedString()
            authority = authority[authority.index(after: at)...]
        } else {
            authorization = nil
        }
        var hostPart: Substring
        var portText: Substring?
        var bracketed = false
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
            bracketed = true
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            hostPart = authority
        }
        guard !hostPart.isEmpty else { return nil }
        let defaultPort = isHTTPS ? 443 : 80
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else { return nil }
            port = value
        } else {
            port = defaultPort
        }
        host = String(hostPart)
        let shownHost = bracketed ? "[\(hostPart)]" : String(hostPart)
        hostHeader = port == defaultPort ? shownHost : "\(shownHost):\(port)"
        var bytes: [UInt8] = []
        for byte in pathAndQuery.utf8 {
            if byte <= 0x20 { bytes.append(contentsOf: Array(String(format: "%%%02X", byte).utf8)) } else { bytes.append(byte) }
        }
        var encoded = String(decoding: bytes, as: UTF8.self)
        if encoded.isEmpty || encoded.first == "?" { encoded = "/" + encoded }
        target = encoded
        self.fixedIP = fixedIP.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the URL's host is an IP address literal (no SNI; the certificate must name the IP).
    var hostIsIPAddress: Bool { Self.isIPAddress(host) }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

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
