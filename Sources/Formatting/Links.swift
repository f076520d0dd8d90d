// Link checks of text links, mentions by id, custom emoji and date-time links, after TDLib's
// `LinkManager` and `HttpUrl` (td/telegram/LinkManager.cpp, tdutils/td/utils/HttpUrl.cpp).
//
// Markup and explicit `text_link` entities keep a link only if these checks pass, and they keep
// it in canonical form: `example.com` becomes `http://example.com/`.

/// Public entry points to TDLib's link rules, for the engine (e.g. inline keyboard URLs).
public enum LinkRules {
    /// TDLib's `check_link`: the canonical form of an http(s), tg, ton or tonsite link.
    ///
    /// - Returns: `.success(url)` or `.failure(reason)`, the reason as TDLib words it
    ///   ("Wrong HTTP URL", "URL host is empty", ...).
    public static func check(_ link: String) -> Result<String, FormattingError> {
        switch checkLink(Array(link.utf8)) {
        case .success(let url): .success(url)
        case .failure(let reason): .failure(FormattingError(reason.message))
        }
    }

    /// The user id of a `tg://user?id=N` link, nil for any other link.
    public static func mentionedUserID(_ link: String) -> Int? {
        linkUserID(Array(link.utf8)).map(Int.init)
    }
}

struct LinkError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

struct HTTPURL {
    var isHTTPS: Bool
    var userinfo: [UInt8]
    var host: [UInt8]
    var isIPv6: Bool
    var specifiedPort: Int
    var port: Int
    var query: [UInt8]

    var url: String {
        var out: [UInt8] = Array((isHTTPS ? "https://" : "http://").utf8)
        if !userinfo.isEmpty {
            out += userinfo
            out.append(UInt8(ascii: "@"))
        }
        out += host
        if specifiedPort > 0 {
            out.append(UInt8(ascii: ":"))
            out += Array(String(specifiedPort).utf8)
        }
        out += query
        return Utf8.string(out)
    }
}

/// TDLib's `parse_url`: `[https?://][userinfo@]host[:port][/path?query#fragment]`.
func parseURL(_ url: [UInt8]) -> Result<HTTPURL, LinkError> {
    let n = url.count
    var pos = 0
    // the protocol, if any, ends at the first of ":/?#@[]"
    while pos < n {
        switch url[pos] {
        case UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "@"),
            UInt8(ascii: "["), UInt8(ascii: "]"):
            break
        default:
            pos += 1
            continue
        }
        break
    }
    var isHTTPS = false
    if pos + 3 <= n && url[pos] == UInt8(ascii: ":") && url[pos + 1] == UInt8(ascii: "/")
        && url[pos + 2] == UInt8(ascii: "/")
    {
        let proto = UTF8Lower.asciiLowered(url[0..<pos])
        if proto == "http" {
            isHTTPS = false
        } else if proto == "https" {
            isHTTPS = true
        } else {
            return .failure(LinkError("Unsupported URL protocol"))
        }
        pos += 3
    } else {
        pos = 0
    }
    let authorityStart = pos
    while pos < n && url[pos] != UInt8(ascii: "/") && url[pos] != UInt8(ascii: "?") && url[pos] != UInt8(ascii: "#") {
        pos += 1
    }
    let authorityEnd = pos

    var port = 0
    var colon = authorityEnd - 1
    while colon > authorityStart && url[colon] != UInt8(ascii: ":") && url[colon] != UInt8(ascii: "]")
        && url[colon] != UInt8(ascii: "@")
    {
        colon -= 1
    }
    var userinfoHostEnd = authorityEnd
    if colon > authorityStart && url[colon] == UInt8(ascii: ":") {
        var portStart = colon + 1
        while authorityEnd - portStart > 1 && url[portStart] == UInt8(ascii: "0") { portStart += 1 }
        if let value = strictInt64(url[portStart..<authorityEnd]), value != 0, value <= Int64(Int32.max),
            value >= Int64(Int32.min)
        {
            port = Int(value)
        } else {
            port = -1
        }
        userinfoHostEnd = colon
    }
    if port < 0 || port > 65535 {
        return .failure(LinkError("Wrong port number specified in the URL"))
    }

    let userinfoHost = url[authorityStart..<userinfoHostEnd]
    var userinfo: ArraySlice<UInt8> = []
    var host = userinfoHost
    if let at = userinfoHost.lastIndex(of: UInt8(ascii: "@")) {
        userinfo = url[authorityStart..<at]
        host = url[(at + 1)..<userinfoHostEnd]
    }

    var isIPv6 = false
    if !host.isEmpty && host.first == UInt8(ascii: "[") && host.last == UInt8(ascii: "]") {
        if !isValidIPv6(host.dropFirst().dropLast()) {
            return .failure(LinkError("Wrong IPv6 address specified in the URL"))
        }
        isIPv6 = true
    }
    if host.isEmpty { return .failure(LinkError("URL host is empty")) }
    if host.count == 1 && host.first == UInt8(ascii: ".") { return .failure(LinkError("Host is invalid")) }

    let specifiedPort = port
    if port == 0 { port = isHTTPS ? 443 : 80 }

    var queryEnd = n
    while queryEnd > authorityEnd && ASCII.isSpace(url[queryEnd - 1]) { queryEnd -= 1 }
    var query: [UInt8] = []
    if queryEnd == authorityEnd {
        query = [UInt8(ascii: "/")]
    } else {
        if url[authorityEnd] != UInt8(ascii: "/") { query.append(UInt8(ascii: "/")) }
        let hex = Array("0123456789ABCDEF".utf8)
        for c in url[authorityEnd..<queryEnd] {
            if c <= 0x20 {
                query.append(UInt8(ascii: "%"))
                query.append(hex[Int(c / 16)])
                query.append(hex[Int(c % 16)])
            } else {
                query.append(c)
            }
        }
    }

    let hostLower = host.map(ASCII.lower)
    var i = 0
    while i < hostLower.count {
        let c = hostLower[i]
        if isIPv6 {
            if i == 0 || i + 1 == hostLower.count || c == UInt8(ascii: ":") || ASCII.isHexDigit(c) || c == UInt8(ascii: ".") {
                i += 1
                continue
            }
            return .failure(LinkError("Wrong IPv6 URL host"))
        }
        if hostSymbols[Int(c)] || c >= 128 {  // RFC 3986 symbols, and UTF-8 as is
            i += 1
            continue
        }
        if c == UInt8(ascii: "%") {
            let h1 = i + 1 < hostLower.count ? hostLower[i + 1] : 0
            let h2 = i + 2 < hostLower.count ? hostLower[i + 2] : 0
            if ASCII.isHexDigit(h1) && ASCII.isHexDigit(h2) {
                i += 3
                continue
            }
            return .failure(LinkError("Wrong percent-encoded symbol in URL host"))
        }
        return .failure(LinkError("Wrong URL host"))
    }

    return .success(
        HTTPURL(
            isHTTPS: isHTTPS, userinfo: Array(userinfo), host: hostLower, isIPv6: isIPv6,
            specifiedPort: specifiedPort, port: port, query: query))
}

/// Host characters allowed by RFC 7230 and RFC 3986 (after lower-casing).
private let hostSymbols: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    for c in "abcdefghijklmnopqrstuvwxyz.0123456789-_!$,~*'();&+=".utf8 { table[Int(c)] = true }
    return table
}()

/// A lenient IPv6 literal check: hex groups separated by ':' with at most one "::", an optional
/// trailing dotted IPv4 part.
func isValidIPv6(_ s: ArraySlice<UInt8>) -> Bool {
    let text = Utf8.string(s)
    if text.isEmpty { return false }
    var doubleColons = 0
    var previous: Character = " "
    for c in text {
        if c == ":" && previous == ":" { doubleColons += 1 }
        previous = c
    }
    if doubleColons > 1 { return false }
    let groups = text.split(separator: ":", omittingEmptySubsequences: true)
    var groupCount = 0
    for (index, group) in groups.enumerated() {
        if group.contains(".") {
            guard index == groups.count - 1 else { return false }
            let parts = group.split(separator: ".", omittingEmptySubsequences: false)
            // ASCII digits only: `Character.isNumber` is also true for "٣" or "½", which `Int` can't read.
            guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && Int($0)! <= 255 }) else {
                return false
            }
            groupCount += 2
        } else {
            guard group.count <= 4, group.allSatisfy(\.isHexDigit) else { return false }
            groupCount += 1
        }
    }
    return doubleColons == 1 ? groupCount < 8 : groupCount == 8
}

/// TDLib's `check_link_impl`: canonical tg://, ton://, tonsite:// or http(s) link.
func checkLink(_ link: [UInt8]) -> Result<String, LinkError> {
    var rest = link[...]
    var scheme: String? = nil
    if ASCII.hasPrefixIgnoringCase(link, 0, "tg:") {
        scheme = "tg"
    } else if ASCII.hasPrefixIgnoringCase(link, 0, "ton:") {
        scheme = "ton"
    } else if ASCII.hasPrefixIgnoringCase(link, 0, "tonsite:") {
        scheme = "tonsite"
    }
    if let scheme { rest = link[(scheme.utf8.count + 1)...] }
    if scheme != nil && rest.starts(with: "//".utf8) { rest = rest.dropFirst(2) }
    let parsed: HTTPURL
    switch parseURL(Array(rest)) {
    case .success(let url): parsed = url
    case .failure(let error): return .failure(error)
    }
    if let scheme {
        if ASCII.hasPrefixIgnoringCase(Array(rest), 0, "http://") || parsed.isHTTPS || !parsed.userinfo.isEmpty
            || parsed.specifiedPort != 0 || parsed.isIPv6
        {
            return .failure(LinkError(scheme == "tg" ? "Wrong tg URL" : "Wrong ton URL"))
        }
        var query = parsed.query[...]
        if query.count > 1 && query[query.startIndex + 1] == UInt8(ascii: "?") { query = query.dropFirst() }
        for c in parsed.host
        where !ASCII.isAlnum(c) && c != UInt8(ascii: "-") && c != UInt8(ascii: "_")
            && !(scheme == "tonsite" && c == UInt8(ascii: "."))
        {
            return .failure(LinkError("Unallowed characters in URL host"))
        }
        return .success(scheme + "://" + Utf8.string(parsed.host) + Utf8.string(query))
    }
    if !parsed.host.contains(UInt8(ascii: ".")) && !parsed.isIPv6 {
        return .failure(LinkError("Wrong HTTP URL"))
    }
    return .success(parsed.url)
}

/// TDLib's `get_checked_link`: the canonical link, or nil (markup silently drops bad links).
func checkedLink(_ link: [UInt8]) -> String? {
    if case .success(let url) = checkLink(link) { return url }
    return nil
}

/// The query of a `tg://<host>?...` link (fragment removed), or an error as TDLib words it for
/// custom emoji links.
private func tgLinkQuery(_ link: [UInt8], host: String) -> Result<[UInt8], LinkError> {
    // Scheme and host compare case-insensitively; the query keeps its case ("format=wDT").
    let lowered = link.map(ASCII.lower)
    guard lowered.starts(with: "tg:".utf8) else { return .failure(LinkError("URL must have scheme tg")) }
    var pos = 3
    if lowered.count >= 5 && lowered[3] == UInt8(ascii: "/") && lowered[4] == UInt8(ascii: "/") { pos = 5 }
    let h = Array(host.utf8)
    let afterHost = pos + h.count
    guard lowered[pos...].starts(with: h),
        afterHost == link.count
            || [UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#")].contains(link[afterHost])
    else {
        return .failure(LinkError("URL must have host \"\(host)\""))
    }
    pos = afterHost
    if pos < link.count && link[pos] == UInt8(ascii: "/") { pos += 1 }
    guard pos < link.count && link[pos] == UInt8(ascii: "?") else {
        return .failure(LinkError("URL must have parameters"))
    }
    var query = link[(pos + 1)...]
    if let hash = query.firstIndex(of: UInt8(ascii: "#")) { query = query[..<hash] }
    return .success(Array(query))
}

/// Splits `a=b&c=d` into pairs without decoding, like TDLib's `full_split` + `split`.
private func queryParameters(_ query: [UInt8]) -> [(ArraySlice<UInt8>, ArraySlice<UInt8>)] {
    query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false).map { part in
        if let eq = part.firstIndex(of: UInt8(ascii: "=")) {
            return (part[part.startIndex..<eq], part[(eq + 1)...])
        }
        return (part, [])
    }
}

/// TDLib's `get_link_user_id`: the valid user id of a `tg://user?id=N` link.
func linkUserID(_ link: [UInt8]) -> Int64? {
    guard case .success(let query) = tgLinkQuery(link, host: "user") else { return nil }
    for (key, value) in queryParameters(query) where key.elementsEqual("id".utf8) {
        guard let id = strictInt64(value), isValidUserID(id) else { return nil }
        return id
    }
    return nil
}

/// TDLib's `get_link_custom_emoji_id`, with its error texts.
func linkCustomEmojiID(_ link: [UInt8]) -> Result<Int64, LinkError> {
    let query: [UInt8]
    switch tgLinkQuery(link, host: "emoji") {
    case .success(let q): query = q
    case .failure(let error):
        switch error.message {
        case "URL must have scheme tg": return .failure(LinkError("Custom emoji URL must have scheme tg"))
        case "URL must have parameters":
            return .failure(LinkError("Custom emoji URL must have an emoji identifier"))
        default: return .failure(LinkError("Custom emoji URL must have host \"emoji\""))
        }
    }
    for (key, value) in queryParameters(query) where key.elementsEqual("id".utf8) {
        guard let id = strictInt64(value), id != 0 else {
            return .failure(LinkError("Invalid custom emoji identifier specified"))
        }
        return .success(id)
    }
    return .failure(LinkError("Custom emoji URL must have an emoji identifier"))
}

/// A `tg://time?unix=N&format=F` link: the positive Unix time and the raw format, or nil.
func linkDateTime(_ link: [UInt8]) -> (date: Int, format: String)? {
    guard case .success(let query) = tgLinkQuery(link, host: "time") else { return nil }
    var date = 0
    var format = ""
    for (key, value) in queryParameters(query) {
        if key.elementsEqual("unix".utf8) {
            guard let v = strictInt64(value), v > 0, v <= Int64(Int32.max) else { return nil }
            date = Int(v)
        } else if key.elementsEqual("format".utf8) {
            format = Utf8.string(value)
        }
    }
    return date > 0 ? (date, format) : nil
}
