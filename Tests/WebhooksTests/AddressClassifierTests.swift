import BotAPI
import Engine
import Foundation
import Storage
import Testing

/// The one address classifier (issue 10, item 3): every special range, IPv4 and IPv6, and
/// every spelling of an address, judged on its bytes.
@Suite struct AddressClassifierTests {
    typealias Scope = IPAddress.Scope

    static let ipv4: [(String, Scope)] = [
        ("0.0.0.0", .unspecified), ("0.255.255.255", .unspecified),
        ("10.0.0.0", .privateNetwork), ("10.255.255.255", .privateNetwork),
        ("100.64.0.0", .privateNetwork), ("100.127.255.255", .privateNetwork), ("100.63.255.255", .global), ("100.128.0.0", .global),
        ("127.0.0.1", .loopback), ("127.255.255.254", .loopback),
        ("169.254.169.254", .linkLocal), ("169.254.0.0", .linkLocal), ("169.253.255.255", .global), ("169.255.0.0", .global),
        ("172.16.0.0", .privateNetwork), ("172.31.255.255", .privateNetwork), ("172.15.255.255", .global), ("172.32.0.0", .global),
        ("192.0.0.1", .reserved), ("192.0.2.1", .reserved), ("192.0.1.1", .global), ("192.0.3.1", .global), ("192.88.99.1", .reserved),
        ("192.168.0.1", .privateNetwork), ("192.168.255.255", .privateNetwork), ("192.169.0.1", .global),
        ("198.18.0.1", .reserved), ("198.19.255.255", .reserved), ("198.17.255.255", .global), ("198.20.0.0", .global),
        ("198.51.100.7", .reserved), ("203.0.113.7", .reserved), ("203.0.114.7", .global),
        ("224.0.0.1", .multicast), ("239.255.255.255", .multicast),
        ("240.0.0.1", .reserved), ("255.255.255.254", .reserved), ("255.255.255.255", .broadcast),
        ("1.1.1.1", .global), ("8.8.8.8", .global), ("149.154.167.220", .global), ("223.255.255.255", .global),
    ]

    static let ipv6: [(String, Scope)] = [
        ("::", .unspecified), ("::1", .loopback),
        // IPv4-mapped, IPv4-compatible, NAT64 and 6to4: judged by the IPv4 address inside.
        ("::ffff:127.0.0.1", .loopback), ("::ffff:7f00:1", .loopback), ("::ffff:10.1.2.3", .privateNetwork),
        ("::ffff:169.254.169.254", .linkLocal), ("::ffff:0.0.0.0", .unspecified), ("::ffff:8.8.8.8", .global),
        ("::127.0.0.1", .loopback), ("::192.168.0.1", .privateNetwork), ("::8.8.8.8", .global),
        ("64:ff9b::7f00:1", .loopback), ("64:ff9b::a9fe:a9fe", .linkLocal), ("64:ff9b::808:808", .global),
        ("2002:7f00:1::", .loopback), ("2002:a00:1::1", .privateNetwork), ("2002:808:808::1", .global),
        ("fc00::1", .privateNetwork), ("fd12:3456::1", .privateNetwork),
        ("fe80::1", .linkLocal), ("febf::1", .linkLocal), ("fec0::1", .linkLocal),
        ("ff02::1", .multicast), ("ff0e::1", .multicast),
        ("2001:db8::1", .reserved), ("3fff::1", .reserved), ("2001::1", .reserved), ("2001:10::1", .reserved), ("2001:20::1", .reserved),
        ("100::1", .reserved), ("64:ff9b:1::1", .reserved), ("::ffff:0:7f00:1", .reserved), ("4000::1", .reserved), ("::2:0:0:1", .reserved),
        ("2001:4860:4860::8888", .global), ("2a00:1450::1", .global), ("2606:4700::1111", .global), ("2001:200::1", .global),
    ]

    @Test(arguments: ipv4 + ipv6)
    func scope(_ text: String, _ expected: Scope) throws {
        let address = try #require(IPAddress(text), "\(text)")
        #expect(address.scope == expected, "\(text)")
        #expect(address.isPublic == (expected == .global), "\(text)")
    }

    @Test func literalsRoundTripThroughBytes() throws {
        #expect(IPAddress("127.0.0.1")?.bytes == [127, 0, 0, 1])
        #expect(IPAddress("::ffff:127.0.0.1")?.embeddedIPv4 == IPAddress("127.0.0.1"))
        #expect(IPAddress("2002:c000:0201::")?.embeddedIPv4 == IPAddress("192.0.2.1"))
        #expect(IPAddress("::1")?.embeddedIPv4 == nil && IPAddress("::")?.embeddedIPv4 == nil)
        #expect(IPAddress("fe80:0:0::1")?.description == "fe80::1" && IPAddress("10.0.0.1")?.description == "10.0.0.1")
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
        // Strict literals only: the loose IPv4 forms and bracketed text are names for the resolver.
        for text in ["127.1", "0x7f.1", "2130706433", "[::1]", "localhost", ""] { #expect(IPAddress(text) == nil, "\(text)") }
    }

    /// The resolver turns every old IPv4 spelling into bytes, which the classifier then judges.
    @Test(arguments: [
        ("2130706433", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("127.1", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"), ("0", "0.0.0.0"), ("2852039166", "169.254.169.254"), ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"),
        ("10.1", "10.0.0.1"), ("::ffff:127.0.0.1", "::ffff:127.0.0.1"),
    ])
    func looseLiteralsResolveToTheirAddress(_ host: String, _ expected: String) throws {
        let resolved = try IPAddress.resolve(host)
        #expect(resolved == [try #require(IPAddress(expected))], "\(host)")
        #expect(resolved.allSatisfy { !$0.isPublic }, "\(host)")
    }

    @Test func localhostResolvesToLoopbackOnly() throws {
        let resolved = try IPAddress.resolve("localhost")
        #expect(!resolved.isEmpty && resolved.allSatisfy { $0.scope == .loopback })
    }
}

/// `--strict-webhooks` asks the same classifier; its error texts are the official ones.
@Suite struct StrictWebhookAddressTests {
    static func setWebhook(_ engine: Engine, bot: String, url: String, ipAddress: String? = nil) async -> String? {
        var parameters = Parameters(["url": url])
        if let ipAddress { parameters.append("ip_address", ipAddress) }
        switch await engine.call(surface: .bot, token: Substring(bot), method: "setWebhook", parameters: parameters) {
        case .success: return nil
        case .failure(let error): return error.description
        }
    }

    @Test func reservedAddressesAreRefusedWithTheOfficialTexts() async throws {
        let engine = Engine(
            store: try TestStores.open(path: WebhookWorld.newDatabasePath()), clock: ManualClock(), adminToken: WebhookWorld.adminToken,
            options: EngineOptions(strictWebhooks: true))
        let created = await engine.call(
            surface: .admin, token: Substring(WebhookWorld.adminToken), method: "createBot",
            parameters: Parameters(["username": "strict_bot", "first_name": "Strict"]))
        guard case .success(let result) = created,
              let object = try JSONSerialization.jsonObject(with: Data(result.json)) as? [String: Any],
              let bot = object["token"] as? String
        else { Issue.record("createBot failed"); return }

        let reserved = "Bad Request: bad webhook: IP address %@ is reserved"
        for ip in ["127.0.0.1", "10.0.0.1", "169.254.169.254", "192.0.2.1", "224.0.0.1", "255.255.255.255", "0.0.0.0"] {
            #expect(await Self.setWebhook(engine, bot: bot, url: "https://hook.example/", ipAddress: ip) == reserved.replacingOccurrences(of: "%@", with: ip))
        }
        // A name is resolved; its first IPv4 address is shown.
        #expect(await Self.setWebhook(engine, bot: bot, url: "https://127.1/") == "Bad Request: bad webhook: IP address 127.0.0.1 is reserved")
        #expect(await Self.setWebhook(engine, bot: bot, url: "https://hook.example/", ipAddress: "::1")
            == "Bad Request: bad webhook: IPv6-only addresses are not allowed")
        #expect(await Self.setWebhook(engine, bot: bot, url: "https://[::1]/") == "Bad Request: bad webhook: IPv6-only addresses are not allowed")
        #expect(await Self.setWebhook(engine, bot: bot, url: "http://hook.example/", ipAddress: "8.8.8.8")
            == "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        #expect(await Self.setWebhook(engine, bot: bot, url: "https://hook.example:8080/", ipAddress: "8.8.8.8")
            == "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
        #expect(await Self.setWebhook(engine, bot: bot, url: "https://hook.example/", ipAddress: "8.8.8.8") == nil)
    }
}
