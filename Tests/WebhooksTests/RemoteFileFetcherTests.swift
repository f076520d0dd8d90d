import Engine
import Foundation
import Testing

@testable import Webhooks

/// The URL loader behind `photo=https://…` (issue 4, item 2), against a loopback server.
@Suite struct RemoteFileFetcherTests {
    static let image: [UInt8] = Array(0..<200).map { UInt8($0) }

    static func receiver() -> TestReceiver {
        TestReceiver { request in
            let target = request.requestLine.split(separator: " ").dropFirst().first.map(String.init) ?? ""
            switch target {
            case "/files/cat.png?size=2":
                return .response(status: 200, reason: "OK", headers: [("Content-Type", "image/png"), ("Content-Length", "200")], body: image)
            case "/old":
                return .response(status: 302, reason: "Found", headers: [("Location", "/files/cat.png?size=2"), ("Content-Length", "0")])
            case "/big":
                return .response(status: 200, reason: "OK", headers: [("Content-Length", "5000")], body: [UInt8](repeating: 7, count: 5000))
            default:
                return .response(status: 404, reason: "Not Found", headers: [("Content-Length", "0")])
            }
        }
    }

    @Test func downloadsFollowsRedirectsAndEnforcesTheLimit() async throws {
        let server = Self.receiver()
        let port = try await server.start()
        let fetcher = RemoteFileFetcher(timeout: .seconds(10))
        let base = "http://127.0.0.1:\(port)"

        let file = try await fetcher.load(URL(string: "\(base)/files/cat.png?size=2")!, maxBytes: 1000)
        #expect(Array(file.data) == Self.image && file.contentType == "image/png")
        let request = try #require(server.requests.first)
        #expect(request.requestLine == "GET /files/cat.png?size=2 HTTP/1.1" && request.header("Host") == "127.0.0.1:\(port)")

        #expect(try await fetcher.load(URL(string: "\(base)/old")!, maxBytes: 1000).data.count == 200)
        await #expect(throws: RemoteFileError.tooBig) { try await fetcher.load(URL(string: "\(base)/big")!, maxBytes: 1000) }
        await #expect(throws: RemoteFileError.failed("HTTP 404")) { try await fetcher.load(URL(string: "\(base)/missing")!, maxBytes: 1000) }
        await #expect(throws: RemoteFileError.wrongURL) { try await fetcher.load(URL(string: "ftp://127.0.0.1/x")!, maxBytes: 1000) }
        await server.stop()
        // Nothing listens any more.
        await #expect(throws: RemoteFileError.self) { try await fetcher.load(URL(string: "\(base)/files/cat.png?size=2")!, maxBytes: 1000) }
    }
}
