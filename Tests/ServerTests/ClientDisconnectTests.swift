import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A long poll whose client closes the connection ends at once (behaviour the official
/// server shows too): the recipient's slot is free for the next call, and nothing the
/// closed call would have returned is confirmed.
@Suite struct ClientDisconnectTests {
    @Test func aClosedLongPollReleasesItsSlot() async throws {
        let world = try TestWorld()
        try await world.run(.live) { client in
            let bot = try await client.createBot()
            let botID = Int64(bot.id)
            let port = try #require(client.client.port)
            let socket = try RawSocket(port: port)
            try socket.send("GET /bot\(bot.token)/getUpdates?timeout=50 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            try await eventually { world.engine.hub.isParked(botID) }
            #expect(world.engine.hub.isParked(botID))

            socket.close()
            try await eventually { !world.engine.hub.isParked(botID) }
            #expect(!world.engine.hub.isParked(botID))
            #expect(world.engine.hub.parkedCount == 0)

            // The next call is not told that another one is running, and gets what arrives.
            let user = try await client.createUser()
            _ = try await client.user(user.token, "sendMessage", ["chat_id": String(bot.id), "text": "/start"])
            let second = try await client.bot(bot.token, "getUpdates", ["timeout": "1"])
            #expect(second.status == 200)
            #expect(second.resultArray.count == 1)
        }
    }
}

/// A blocking loopback TCP client that can close mid-request.
private final class RawSocket {
    private var descriptor: Int32

    init(port: Int) throws {
        descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard descriptor >= 0, result == 0 else { throw SocketError() }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(descriptor, bytes, bytes.count, 0) == bytes.count else { throw SocketError() }
    }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }

    struct SocketError: Error {}
}
