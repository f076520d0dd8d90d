import Foundation
import NIOCore
import Testing

@testable import Webhooks

@Suite struct ResponseParserTests {
    private func parse(_ chunks: [String], maxBodySize: Int = 1 << 20) throws -> WebhookResponse? {
        var parser = HTTPResponseParser(maxBodySize: maxBodySize)
        for chunk in chunks {
            if case .complete(let response) = try parser.feed(Array(chunk.utf8)) { return response }
        }
        return parser.finishAtEndOfStream()
    }

    @Test func contentLengthSplitAnywhere() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
        for split in 1..<text.utf8.count {
            let bytes = Array(text.utf8)
            let response = try #require(try parse([String(decoding: bytes[..<split], as: UTF8.self), String(decoding: bytes[split...], as: UTF8.self)]))
            #expect(response.status == 200 && response.reason == "OK" && response.body == Array("{}".utf8) && response.keepAlive)
            #expect(response.header("content-type") == "application/json")
        }
    }

    @Test func reasonPhraseIsKeptAsSent() throws {
        let response = try #require(try parse(["HTTP/1.1 403 Request had the wrong secret token\r\nContent-Length: 0\r\n\r\n"]))
        #expect(response.status == 403 && response.reason == "Request had the wrong secret token")
        let bare = try #require(try parse(["HTTP/1.1 502\r\nContent-Length: 0\r\n\r\n"]))
        #expect(bare.status == 502 && bare.reason == "")
    }

    @Test func chunkedWithExtensionsAndTrailers() throws {
        let response = try #require(try parse([
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n9;x=y\r\n{\"me", "thod\"\r", "\n5\r\n: 1}\n\r\n0\r\nX-Trailer: a\r\n\r\n",
        ]))
        #expect(String(decoding: response.body, as: UTF8.self) == "{\"method\": 1}\n")
    }

    @Test func interimResponsesAreSkipped() throws {
        let response = try #require(try parse(["HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"]))
        #expect(response.status == 204 && response.body.isEmpty)
    }

    @Test func closeDelimitedBodyAndConnectionRules() throws {
        let response = try #require(try parse(["HTTP/1.1 200 OK\r\n\r\nhello", " world"]))
        #expect(String(decoding: response.body, as: UTF8.self) == "hello world" && !response.keepAlive)
        let old = try #require(try parse(["HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n"]))
        #expect(!old.keepAlive)
        let closing = try #require(try parse(["HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"]))
        #expect(!closing.keepAlive)
    }

    @Test func oversizedBodiesAreCut() throws {
        let response = try #require(try parse(["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"], maxBodySize: 4))
        #expect(response.body == Array("0123".utf8) && !response.bodyComplete && !response.keepAlive)
    }

    @Test func garbageIsRejected() {
        #expect(throws: MalformedResponse.self) { try parse(["SMTP ready\r\n\r\n"]) }
        #expect(throws: MalformedResponse.self) { try parse(["HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"]) }
    }

    @Test func incompleteResponseAtEndOfStream() throws {
        #expect(try parse(["HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab"]) == nil)
    }
}

@Suite struct EndpointTests {
    @Test func urlForms() throws {
        let plain = try #require(WebhookEndpoint(url: "example.com/bot", fixedIP: nil))
        #expect(plain.isHTTPS && plain.port == 443 && plain.hostHeader == "example.com" && plain.target == "/bot")
        let http = try #require(WebhookEndpoint(url: "HTTP://example.com:80?x=1", fixedIP: ""))
        #expect(!http.isHTTPS && http.hostHeader == "example.com" && http.target == "/?x=1" && http.fixedIP == nil)
        let custom = try #require(WebhookEndpoint(url: "https://a:b@example.com:8443/p\u{7}q", fixedIP: "1.2.3.4"))
        #expect(custom.hostHeader == "example.com:8443" && custom.target == "/p%07q" && custom.fixedIP == "1.2.3.4")
        #expect(custom.authorization == "Basic " + Data("a:b".utf8).base64EncodedString())
        let v6 = try #require(WebhookEndpoint(url: "http://[::1]:8080/x", fixedIP: nil))
        #expect(v6.host == "::1" && v6.hostHeader == "[::1]:8080" && v6.hostIsIPAddress)
        #expect(WebhookEndpoint(url: "ftp://example.com", fixedIP: nil) == nil)
        #expect(WebhookEndpoint(url: "https://example.com:0/", fixedIP: nil) == nil)
    }

    @Test func requestBytes() throws {
        let endpoint = try #require(WebhookEndpoint(url: "http://h.test/w", fixedIP: nil))
        let buffer = endpoint.request(body: Array("{}".utf8), secretToken: "s", allocator: ByteBufferAllocator())
        #expect(String(buffer: buffer) == "POST /w HTTP/1.1\r\nHost: h.test\r\nX-Telegram-Bot-Api-Secret-Token: s\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}")
    }
}

@Suite struct PolicyTests {
    @Test func officialBackoff() {
        let policy = WebhookDeliveryPolicy.official
        #expect((1...6).map { policy.delay(afterFailure: $0) } == [.zero, .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32)])
        for failures in 7...30 {
            let delay = policy.delay(afterFailure: failures)
            #expect(delay >= .seconds(60) && delay <= .seconds(120))
        }
    }

    @Test func retryAfterIsClamped() {
        let policy = WebhookDeliveryPolicy.official
        #expect(policy.delay(afterFailure: 3, retryAfter: 7) == .seconds(7))
        #expect(policy.delay(afterFailure: 1, retryAfter: 0) == .zero)
        #expect(policy.delay(afterFailure: 1, retryAfter: -5) == .zero)
        #expect(policy.delay(afterFailure: 1, retryAfter: 99_999) == .seconds(3600))
    }
}
