/// One HTTP/1.x response as the webhook sent it.
struct WebhookResponse: Sendable, Equatable {
    var major: Int
    var minor: Int
    var status: Int
    /// The reason phrase exactly as sent (NIOHTTP1 drops it, which is one reason this module
    /// parses responses itself: last_error_message quotes it, e.g. tornado's custom reasons).
    var reason: String
    /// Header fields in arrival order, names as sent.
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// False when the response was cut at the size limit.
    var bodyComplete: Bool = true
    /// Whether the connection may carry another request afterwards.
    var keepAlive: Bool

    /// The first value of `name` (case-insensitive).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    static func == (lhs: WebhookResponse, rhs: WebhookResponse) -> Bool {
        lhs.major == rhs.major && lhs.minor == rhs.minor && lhs.status == rhs.status && lhs.reason == rhs.reason
            && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
            && lhs.body == rhs.body && lhs.bodyComplete == rhs.bodyComplete && lhs.keepAlive == rhs.keepAlive
    }
}

/// Why a response could not be read.
struct MalformedResponse: Error, Equatable, CustomStringConvertible {
    let reason: String
    var description: String { "Malformed response: \(reason)" }
}

/// An incremental HTTP/1.x response parser: status line (reason phrase kept), header fields,
/// and a body framed by `Transfer-Encoding: chunked`, `Content-Length`, or the end of the
/// connection. Interim 1xx responses are skipped. The request is always a POST, so every
/// final status except 204 and 304 may carry a body.
struct HTTPResponseParser {
    enum Progress: Equatable {
        case needMore
        case complete(WebhookResponse)
    }

    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
        case done
    }

    /// Bodies longer than this are cut (and the connection closed): a method answered in a
    /// webhook response may upload files, so the limit is the largest upload (50 MB) plus room.
    let maxBodySize: Int
    /// Header section limit.
    let maxHeadSize = 64 * 1024

    private var state = State.head
    private var buffer: [UInt8] = []
    private var position = 0
    private var response: WebhookResponse?

    init(maxBodySize: Int = 64 << 20) {
        self.maxBodySize = maxBodySize
    }

    /// Whether any byte of the response has arrived.
    private(set) var receivedAnyBytes = false

    /// Feeds bytes; returns `.complete` once the whole response is in.
    mutating func feed(_ bytes: some Collection<UInt8>) throws(MalformedResponse) -> Progress {
        if !bytes.isEmpty { receivedAnyBytes = true }
        buffer.append(contentsOf: bytes)
        return try advance()
    }

    /// The connection ended: completes a close-delimited body, or nil when the response is
    /// incomplete.
    mutating func finishAtEndOfStream() -> WebhookResponse? {
        guard case .untilClose = state, var response else { return nil }
        response.keepAlive = false
        state = .done
        return response
    }

    private mutating func advance() throws(MalformedResponse) -> Progress {
        while true {
            switch state {
            case .head:
                guard let end = find([13, 10, 13, 10]) else {
                    if buffer.count - position > maxHeadSize { throw MalformedResponse(reason: "header section too large") }
                    return .needMore
                }
                let head = Array(buffer[position..<end])
                position = end + 4
                let parsed = try Self.parseHead(head)
                if (100..<200).contains(parsed.status) && parsed.status != 101 { continue }  // interim response
                response = parsed
                try chooseBodyFraming()
            case .fixedBody(let remaining):
                let available = buffer.count - position
                let take = min(available, remaining)
                if take > 0 { appendBody(buffer[position..<(position + take)]); position += take }
                if response?.bodyComplete == false { return finish() }
                if take == remaining { return finish() }
                state = .fixedBody(remaining: remaining - take)
                compact()
                return .needMore
            case .chunkSize:
                guard let lineEnd = find([13, 10]) else {
                    if buffer.count - position > 1024 { throw MalformedResponse(reason: "chunk size line too long") }
                    return .needMore
                }
                let line = buffer[position..<lineEnd]
                position = lineEnd + 2
                let digits = line.prefix { $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
                guard !digits.isEmpty, digits.count <= 15, let size = Int(String(decoding: digits, as: UTF8.self), radix: 16) else {
                    throw MalformedResponse(reason: "bad chunk size")
                }
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let available = buffer.count - position
                let take = min(available, remaining)
                if take > 0 { appendBody(buffer[position..<(position + take)]); position += take }
                if response?.bodyComplete == false { return finish() }
                if take == remaining {
                    state = .chunkDataEnd
                } else {
                    state = .chunkData(remaining: remaining - take)
                    compact()
                    return .needMore
                }
            case .chunkDataEnd:
                guard buffer.count - position >= 2 else { return .needMore }
                guard buffer[position] == 13, buffer[position + 1] == 10 else { throw MalformedResponse(reason: "chunk not followed by CRLF") }
                position += 2
                state = .chunkSize
            case .trailers:
                guard let lineEnd = find([13, 10]) else {
                    if buffer.count - position > maxHeadSize { throw MalformedResponse(reason: "trailers too large") }
                    return .needMore
                }
                let empty = lineEnd == position
                position = lineEnd + 2
                if empty { return finish() }
            case .untilClose:
                if position < buffer.count { appendBody(buffer[position...]); position = buffer.count }
                compact()
                if response?.bodyComplete == false { return finish() }
                return .needMore
            case .done:
                return .needMore
            }
        }
    }

    private mutating func chooseBodyFraming() throws(MalformedResponse) {
        guard let response else { return }
        if response.status == 204 || response.status == 304 {
            state = .fixedBody(remaining: 0)
            return
        }
        if let encoding = response.header("transfer-encoding"), encoding.lowercased().contains("chunked") {
            state = .chunkSize
            return
        }
        if let length = response.header("content-length") {
            guard let value = Int(length.trimmingSpaces()), value >= 0 else { throw MalformedResponse(reason: "bad Content-Length") }
            state = .fixedBody(remaining: value)
            return
        }
        state = .untilClose
        self.response?.keepAlive = false
    }

    private mutating func appendBody(_ bytes: ArraySlice<UInt8>) {
        guard var current = response else { return }
        response = nil  // keep the body uniquely referenced while appending
        let room = maxBodySize - current.body.count
        if bytes.count > room {
            current.body.append(contentsOf: bytes.prefix(max(room, 0)))
            current.bodyComplete = false
            current.keepAlive = false
        } else {
            current.body.append(contentsOf: bytes)
        }
        response = current
    }

    private mutating func finish() -> Progress {
        state = .done
        guard let response else { return .needMore }
        return .complete(response)
    }

    /// Drops consumed bytes once they dominate the buffer.
    private mutating func compact() {
        if position > 0, position >= buffer.count / 2 {
            buffer.removeFirst(position)
            position = 0
        }
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count - position >= needle.count else { return nil }
        var i = position
        let last = buffer.count - needle.count
        while i <= last {
            if buffer[i] == needle[0] {
                var match = true
                for j in 1..<needle.count where buffer[i + j] != needle[j] {
                    match = false
                    break
                }
                if match { return i }
            }
            i += 1
        }
        return nil
    }

    /// `HTTP/1.1 200 OK` plus header lines.
    static func parseHead(_ head: [UInt8]) throws(MalformedResponse) -> WebhookResponse {
        var lines = head.split(separator: 10, omittingEmptySubsequences: false).map { line -> ArraySlice<UInt8> in
            line.last == 13 ? line.dropLast() : line
        }
        guard !lines.isEmpty else { throw MalformedResponse(reason: "empty status line") }
        let statusLine = lines.removeFirst()
        // HTTP/x.y SP code [SP reason]
        guard statusLine.count >= 12, statusLine.starts(with: Array("HTTP/".utf8)) else {
            throw MalformedResponse(reason: "bad status line")
        }
        let version = statusLine.dropFirst(5).prefix { $0 != UInt8(ascii: " ") }
        let versionParts = version.split(separator: UInt8(ascii: "."))
        guard versionParts.count == 2, let major = Int(String(decoding: versionParts[0], as: UTF8.self)),
              let minor = Int(String(decoding: versionParts[1], as: UTF8.self))
        else { throw MalformedResponse(reason: "bad HTTP version") }
        let afterVersion = statusLine.dropFirst(5 + version.count).drop { $0 == UInt8(ascii: " ") }
        let codeBytes = afterVersion.prefix { $0 != UInt8(ascii: " ") }
        guard codeBytes.count == 3, let status = Int(String(decoding: codeBytes, as: UTF8.self)) else {
            throw MalformedResponse(reason: "bad status code")
        }
        var reasonBytes = afterVersion.dropFirst(3)
        if reasonBytes.first == UInt8(ascii: " ") { reasonBytes = reasonBytes.dropFirst() }
        let reason = String(decoding: reasonBytes, as: UTF8.self)

        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
                // Obsolete line folding: continue the previous value.
                if var last = headers.popLast() {
                    last.value += " " + String(decoding: line, as: UTF8.self).trimmingSpaces()
                    headers.append(last)
                }
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw MalformedResponse(reason: "bad header line") }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces()
            headers.append((name, value))
        }
        var response = WebhookResponse(major: major, minor: minor, status: status, reason: reason, headers: headers, body: [], keepAlive: true)
        let connection = response.headers.filter { $0.name.lowercased() == "connection" }.map { $0.value.lowercased() }
        if major == 1 && minor == 0 {
            // The official server closes after an HTTP/1.0 response, keep-alive or not.
            response.keepAlive = false
        } else if connection.contains(where: { $0.contains("close") }) {
            response.keepAlive = false
        }
        return response
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
