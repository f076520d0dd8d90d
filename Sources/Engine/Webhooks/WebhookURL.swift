import Foundation

/// A webhook URL parsed the way the official server does (behaviour.md §4.1):
/// `[scheme://][userinfo@]host[:port][/path?query]`, no scheme meaning https. setWebhook
/// validates with it and the delivery side builds its requests from it.
public struct WebhookURL: Sendable, Equatable {
    public let isHTTPS: Bool
    /// The host as written, without IPv6 brackets.
    public let host: String
    /// Whether the host was an IPv6 literal in brackets.
    public let isBracketed: Bool
    public let port: Int
    /// `user:pass` before the `@`, sent as HTTP Basic authorization.
    public let userinfo: String?
    /// Everything from the first `/` or `?` on, without a `#fragment`; may be empty.
    public let pathAndQuery: String

    /// The scheme's default port.
    public var defaultPort: Int { isHTTPS ? 443 : 80 }

    /// Parses `text`; nil means "Bad Request: invalid webhook URL specified".
    public init?(_ text: String) {
        var rest = Substring(text)
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
        var tail = rest[authorityEnd...]
        if let hash = tail.firstIndex(of: "#") { tail = tail[..<hash] }
        pathAndQuery = String(tail)
        if let at = authority.lastIndex(of: "@") {
            userinfo = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
        } else {
            userinfo = nil
        }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
            isBracketed = true
        } else {
            if let colon = authority.lastIndex(of: ":") {
                host = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            } else {
                host = authority
            }
            let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_!$,~*'()&;+=%")
            guard !host.isEmpty, host != ".",
                  host.unicodeScalars.allSatisfy({ allowed.contains($0) || $0.value > 0x7F })
            else { return nil }
            isBracketed = false
        }
        if let portText {
            guard let port = Int(portText), (1...65535).contains(port) else { return nil }
            self.port = port
        } else {
            port = isHTTPS ? 443 : 80
        }
        self.host = String(host)
    }

    /// The host as an IP address literal, if it is one.
    public var ipLiteral: String? {
        Self.isIPAddress(host) ? host : nil
    }

    /// Whether `text` is an IPv4 or IPv6 address literal.
    public static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}

/// The cloud server's address rules for webhooks (`--strict-webhooks`).
enum WebhookAddressRules {
    /// Resolves `host` to its first IPv4 address, or throws the official "bad webhook" reason.
    static func resolveIPv4(_ host: String) throws -> String {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &result)
        guard status == 0, let first = result else {
            throw APIError.badRequest("bad webhook: Failed to resolve host: \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(result) }
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        var sawIPv6 = false
        while let info = cursor {
            if info.pointee.ai_family == AF_INET, let address = info.pointee.ai_addr {
                var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
                let ip = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer -> String in
                    var addr = pointer.pointee.sin_addr
                    inet_ntop(AF_INET, &addr, &text, socklen_t(INET_ADDRSTRLEN))
                    return String(cString: text)
                }
                return ip
            }
            if info.pointee.ai_family == AF_INET6 { sawIPv6 = true }
            cursor = info.pointee.ai_next
        }
        throw APIError.badRequest(sawIPv6 ? "bad webhook: IPv6-only addresses are not allowed" : "bad webhook: Host is invalid")
    }

    /// Whether an IPv4 address is private, loopback, link-local, multicast or otherwise
    /// reserved.
    static func isReserved(_ ip: String) -> Bool {
        let parts = ip.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4 else { return true }
        let (a, b) = (parts[0], parts[1])
        return a == 0 || a == 10 || a == 127 || a >= 224 || (a == 100 && (64...127).contains(b))
            || (a == 169 && b == 254) || (a == 172 && (16...31).contains(b)) || (a == 192 && b == 168)
            || (a == 192 && b == 0 && parts[2] == 0) || (a == 198 && (18...19).contains(b))
    }

    /// Applies the cloud rules to a parsed URL and optional fixed IP address.
    static func check(_ url: WebhookURL, fixedIP: String?) throws {
        guard url.isHTTPS else { throw APIError.badRequest("bad webhook: An HTTPS URL must be provided for webhook") }
        guard [80, 88, 443, 8443].contains(url.port) else {
            throw APIError.badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
        }
        let ip = try fixedIP ?? resolveIPv4(url.host)
        if ip.contains(":") { throw APIError.badRequest("bad webhook: IPv6-only addresses are not allowed") }
        if isReserved(ip) { throw APIError.badRequest("bad webhook: IP address \(ip) is reserved") }
    }
}
