import Engine
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Server
import Storage
import Synchronization
import Testing

/// `GET /health`: what a load balancer asks.
@Suite struct HealthTests {
    /// A store whose database can be made to stop answering.
    final class SwitchableStore: Store {
        struct Unavailable: Error {}
        let base: any Store
        let failing = Atomic<Bool>(false)

        init(_ base: any Store) { self.base = base }

        func read<T: Sendable>(_ body: @Sendable (any StoreReader) throws -> T) async throws -> T {
            if failing.load(ordering: .relaxed) { throw Unavailable() }
            return try await base.read(body)
        }

        func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
            if failing.load(ordering: .relaxed) { throw Unavailable() }
            return try await base.write(body)
        }

        func signalsFromOtherInstances() -> AsyncStream<String>? { base.signalsFromOtherInstances() }

        func blobStore(filesDirectory: URL) -> any BlobStore { base.blobStore(filesDirectory: filesDirectory) }
    }

    @Test func answers503WhileTheStoreDoesNotAnswer() async throws {
        let store = SwitchableStore(try TestStores.open(path: TestWorld.newDatabasePath()))
        let engine = Engine(store: store, clock: ManualClock(), adminToken: TestWorld.adminToken)
        var logger = Logger(label: "health-test")
        logger.logLevel = .critical
        let app = try BotAPIServer.makeApplication(engine: engine, host: "127.0.0.1", port: 0, logger: logger)
        try await app.test(.router) { raw in
            let client = Client(client: raw)
            await engine.checkStoreHealth()
            #expect(try await client.request("/health", method: .get).body == #"{"ok":true,"result":true}"#)
            store.failing.store(true, ordering: .relaxed)
            await engine.checkStoreHealth()
            let down = try await client.request("/health", method: .get)
            #expect(down.status == 503)
            #expect(down.body == #"{"ok":false,"error_code":503,"description":"Service Unavailable: the database does not answer"}"#)
            store.failing.store(false, ordering: .relaxed)
            await engine.checkStoreHealth()
            #expect(try await client.request("/health", method: .get).status == 200)
        }
    }
}
