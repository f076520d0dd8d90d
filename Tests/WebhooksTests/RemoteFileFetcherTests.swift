import Engine
import Foundation
import Testing

@testable import Webhooks

/// The URL loader behind `photo=https://…` (issue 4, item 2; issue 10, item 3), against
/// loopback servers.
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

    /// A server that redirects every request to `location`.
    static func redirector(to location: String) -> TestReceiver {
        TestReceiver { _ in .response(status: 302, reason: "Found", headers: [("Location", location), ("Content-Length", "0")]) }
    }

    @Test func downloadsFollowsRedirectsAndEnforcesTheLimit() async throws {
        let server = Self.receiver()
        let port = try await server.start()
        // Fixtures on loopback need the opt-in (`--allow-private-urls`).
        let fetcher = RemoteFileFetcher(timeout: .seconds(10), allowsPrivateAddresses: true)
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

    @Test func aNameIsResolvedOnceAndKeptInTheHostHeader() async throws {
        let server = Self.receiver()
        let port = try await server.start()
        let fetcher = RemoteFileFetcher(timeout: .seconds(10), allowsPrivateAddresses: true)
        // `localhost` may resolve to ::1 first, where nothing listens: the next checked address is used.
        let file = try await fetcher.load(URL(string: "http://localhost:\(port)/files/cat.png?size=2")!, maxBytes: 1000)
        #expect(Array(file.data) == Self.image)
        #expect(server.requests.last?.header("Host") == "localhost:\(port)")
        await server.stop()
    }

    @Test func byDefaultNoLoopbackPrivateOrReservedAddressIsFetchedInAnySpelling() async throws {
        let server = Self.receiver()
        let port = try await server.start()
        let fetcher = RemoteFileFetcher(timeout: .seconds(5))
        let hosts = [
            "127.0.0.1", "localhost", "2130706433", "0x7f.1", "127.1", "0177.0.0.1", "0x7f000001", "[::ffff:127.0.0.1]",
            "[::ffff:7f00:1]", "[::127.0.0.1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[::1]", "0.0.0.0", "0",
            "169.254.169.254", "10.0.0.1", "172.16.0.1", "192.168.1.1", "100.64.0.1", "[fe80::1]", "[fc00::1]", "[fd12::1]",
            "224.0.0.1", "255.255.255.255", "[ff02::1]", "[::]", "192.0.2.1", "[2001:db8::1]",
        ]
        for host in hosts {
            let url = try #require(URL(string: "http://\(host):\(port)/files/cat.png?size=2"), "\(host)")
            await #expect(throws: RemoteFileError.refusedAddress, "\(host)") { try await fetcher.load(url, maxBytes: 1000) }
        }
        #expect(server.requests.isEmpty)
        await server.stop()
    }

    @Test func everyRedirectHopIsCheckedAgain() async throws {
        let target = Self.receiver()
        let targetPort = try await target.start()
        // 127.0.0.2 plays a public host: the seam calls it public, every other address stays refused.
        let publicHost = try #require(IPAddress("127.0.0.2"))
        let fetcher = RemoteFileFetcher(timeout: .seconds(5), mayConnect: { $0 == publicHost })
        for location in [
            "http://127.0.0.1:\(targetPort)/files/cat.png?size=2", "http://localhost:\(targetPort)/files/cat.png?size=2",
            "http://[::ffff:127.0.0.1]:\(targetPort)/files/cat.png?size=2", "http://2130706433:\(targetPort)/files/cat.png?size=2",
        ] {
            let redirector = Self.redirector(to: location)
            let port = try await redirector.start(host: "127.0.0.2")
            await #expect(throws: RemoteFileError.refusedAddress, "\(location)") {
                try await fetcher.load(URL(string: "http://127.0.0.2:\(port)/old")!, maxBytes: 1000)
            }
            #expect(redirector.requests.count == 1)
            await redirector.stop()
        }
        #expect(target.requests.isEmpty)
        await target.stop()

        // The allowed host itself is fetched, redirects within it too.
        let allowed = Self.receiver()
        let allowedPort = try await allowed.start(host: "127.0.0.2")
        let file = try await fetcher.load(URL(string: "http://127.0.0.2:\(allowedPort)/old")!, maxBytes: 1000)
        #expect(Array(file.data) == Self.image && allowed.requests.count == 2)
        await allowed.stop()
    }
}
