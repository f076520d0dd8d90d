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
        IPAddress(text) != nil
    }
}

/// An IPv4 or IPv6 address as its bytes, and the one classifier of which addresses are on the
/// public internet: `--strict-webhooks` and URL downloads both ask ``isPublic``. It works on
/// bytes, never on text, so every spelling of an address (`127.1`, `0x7f.1`, `2130706433`,
/// `::ffff:127.0.0.1`) is judged the same once the resolver has turned it into bytes.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, in network order.
    public let bytes: [UInt8]

    /// Who may reach an address, from the IANA special-purpose registries.
    public enum Scope: Sendable, Equatable {
        /// Globally reachable unicast.
        case global
        /// `0.0.0.0/8`, `::`.
        case unspecified
        /// `127.0.0.0/8`, `::1`.
        case loopback
        /// RFC 1918 (`10/8`, `172.16/12`, `192.168/16`), shared `100.64/10`, unique local `fc00::/7`.
        case privateNetwork
        /// `169.254/16`, `fe80::/10` (and the old site-local `fec0::/10`).
        case linkLocal
        /// `224/4`, `ff00::/8`.
        case multicast
        /// `255.255.255.255`.
        case broadcast
        /// Documentation, benchmarking, protocol assignments, future use, discard, Teredo, and
        /// every IPv6 address outside global unicast `2000::/3`.
        case reserved
    }

    /// `bytes` must be 4 or 16 long.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// A strict literal: dotted-quad IPv4 or any IPv6 text form (`inet_pton`), without brackets.
    /// The looser IPv4 forms (`127.1`) are names for the resolver, see ``resolve(_:)``.
    public init?(_ text: String) {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
    }

    public var isIPv4: Bool { bytes.count == 4 }

    /// Whether a server may connect here on behalf of a client: only globally reachable unicast.
    public var isPublic: Bool { scope == .global }

    /// The text form (`inet_ntop`).
    public var description: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var copy = bytes
        _ = inet_ntop(isIPv4 ? AF_INET : AF_INET6, &copy, &text, socklen_t(text.count))
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The IPv4 address an IPv6 one stands for, when packets to it reach that IPv4 host:
    /// IPv4-mapped `::ffff:0:0/96`, IPv4-compatible `::/96`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`.
    public var embeddedIPv4: IPAddress? {
        guard bytes.count == 16 else { return nil }
        let b = bytes
        if b[0..<10].allSatisfy({ $0 == 0 }) && ((b[10] == 0xff && b[11] == 0xff) || (b[10] == 0 && b[11] == 0)) {
            // `::` and `::1` are IPv6's own unspecified and loopback addresses, not 0.0.0.x.
            if b[10] == 0 && b[12..<15].allSatisfy({ $0 == 0 }) && b[15] <= 1 { return nil }
            return IPAddress(bytes: Array(b[12..<16]))
        }
        if b[0..<12] == [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0] { return IPAddress(bytes: Array(b[12..<16])) }
        if b[0] == 0x20 && b[1] == 0x02 { return IPAddress(bytes: Array(b[2..<6])) }
        return nil
    }

    public var scope: Scope {
        if let embedded = embeddedIPv4 { return embedded.scope }
        return isIPv4 ? Self.scope(ipv4: bytes) : Self.scope(ipv6: bytes)
    }

    private static func scope(ipv4 b: [UInt8]) -> Scope {
        let (a, c) = (b[0], b[1])
        switch a {
        case 0: return .unspecified
        case 10: return .privateNetwork
        case 100 where (64...127).contains(c): return .privateNetwork
        case 127: return .loopback
        case 169 where c == 254: return .linkLocal
        case 172 where (16...31).contains(c): return .privateNetwork
        case 192 where c == 168: return .privateNetwork
        // 192.0.0/24 protocol assignments, 192.0.2/24 documentation, 192.88.99/24 old 6to4 relays.
        case 192 where (c == 0 && (b[2] == 0 || b[2] == 2)) || (c == 88 && b[2] == 99): return .reserved
        // 198.18/15 benchmarking, 198.51.100/24 documentation.
        case 198 where c == 18 || c == 19 || (c == 51 && b[2] == 100): return .reserved
        case 203 where c == 0 && b[2] == 113: return .reserved
        case 224...239: return .multicast
        case 255 where b == [255, 255, 255, 255]: return .broadcast
        case 240...255: return .reserved
        default: return .global
        }
    }

    /// Only global unicast `2000::/3` can be public; the embedded-IPv4 forms are judged by
    /// their IPv4 address before this.
    private static func scope(ipv6 b: [UInt8]) -> Scope {
        if b.allSatisfy({ $0 == 0 }) { return .unspecified }
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return .loopback }
        if b[0] == 0xff { return .multicast }
        if b[0] & 0xfe == 0xfc { return .privateNetwork }
        if b[0] == 0xfe && b[1] & 0x80 == 0x80 { return .linkLocal }  // fe80::/10 and fec0::/10
        guard b[0] & 0xe0 == 0x20 else { return .reserved }
        // 2001::/23 protocol assignments (Teredo 2001::/32, ORCHID, benchmarking…),
        // 2001:db8::/32 and 3fff::/20 documentation.
        if b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02 { return .reserved }
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8 { return .reserved }
        if b[0] == 0x3f && b[1] == 0xff && b[2] & 0xf0 == 0 { return .reserved }
        return .global
    }

    /// Why a host name did not resolve: the resolver's own message.
    public struct ResolutionError: Error, Sendable {
        public let message: String
    }

    /// Every address `host` resolves to, in the resolver's order, without repeats. Numeric
    /// hosts resolve to themselves, including the old IPv4 forms (`127.1`, `0x7f.1`,
    /// `2130706433`). Blocks while the system resolver works.
    public static func resolve(_ host: String) throws(ResolutionError) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &result)
        guard status == 0 else { throw ResolutionError(message: String(cString: gai_strerror(status))) }
        defer { freeaddrinfo(result) }
        var addresses: [IPAddress] = []
        var cursor = result
        while let info = cursor {
            cursor = info.pointee.ai_next
            guard let socketAddress = info.pointee.ai_addr else { continue }
            let address: IPAddress?
            switch info.pointee.ai_family {
            case AF_INET:
                address = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    var raw = pointer.pointee.sin_addr
                    return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
                }
            case AF_INET6:
                address = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    var raw = pointer.pointee.sin6_addr
                    return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
                }
            default:
                address = nil
            }
            if let address, !addresses.contains(address) { addresses.append(address) }
        }
        return addresses
    }
}

/// The cloud server's address rules for webhooks (`--strict-webhooks`).
enum WebhookAddressRules {
    /// Resolves `host` to its first IPv4 address, or throws the official "bad webhook" reason.
    static func resolveIPv4(_ host: String) throws -> IPAddress {
        let addresses: [IPAddress]
        do {
            addresses = try IPAddress.resolve(host)
        } catch {
            throw APIError.badRequest("bad webhook: Failed to resolve host: \(error.message)")
        }
        if let first = addresses.first(where: \.isIPv4) { return first }
        throw APIError.badRequest(addresses.isEmpty ? "bad webhook: Host is invalid" : "bad webhook: IPv6-only addresses are not allowed")
    }

    /// Applies the cloud rules to a parsed URL and optional fixed IP address.
    static func check(_ url: WebhookURL, fixedIP: String?) throws {
        guard url.isHTTPS else { throw APIError.badRequest("bad webhook: An HTTPS URL must be provided for webhook") }
        guard [80, 88, 443, 8443].contains(url.port) else {
            throw APIError.badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
        }
        // The fixed IP is shown as the bot wrote it; a resolved one in dotted form.
        let (address, shown): (IPAddress?, String)
        if let fixedIP {
            (address, shown) = (IPAddress(fixedIP), fixedIP)
        } else {
            let resolved = try resolveIPv4(url.host)
            (address, shown) = (resolved, resolved.description)
        }
        guard let address else { throw APIError.badRequest("bad webhook: Invalid IP address specified") }
        guard address.isIPv4 else { throw APIError.badRequest("bad webhook: IPv6-only addresses are not allowed") }
        if !address.isPublic { throw APIError.badRequest("bad webhook: IP address \(shown) is reserved") }
    }
}
