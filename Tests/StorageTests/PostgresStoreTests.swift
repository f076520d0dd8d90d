import Foundation
import Storage
import Testing

/// What only the PostgreSQL store does: its URL, its migrations, its write lock. The tests
/// that need a server run when `BOTAPI_TEST_DATABASE` names one (scripts/with-postgres).
@Suite struct PostgresStoreTests {
    @Test func readsTheDatabaseURL() throws {
        let configuration = try PostgresStore.Configuration(url: "postgres://bot%40api:p%2Fss@db.example:6543/world")
        #expect(configuration.host == "db.example")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "bot@api")
        #expect(configuration.password == "p/ss")
        #expect(configuration.database == "world")
        // What messages show never includes the password.
        #expect(configuration.displayName == "db.example:6543/world")
        #expect(try PostgresStore.Configuration(url: "postgresql://u@localhost/d").port == 5432)
        #expect(try PostgresStore.Configuration(url: "postgres://u@h/d?schema=team_a").schema == "team_a")
        #expect(try PostgresStore.Configuration(url: "postgres://u@h/d").schema == nil)
        for bad in [
            "mysql://u:p@h/d", "postgres://u:p@h", "postgres:///d", "not a url", "postgres://u@h/d?schema=Team",
            "postgres://u@h/d?sslmode=require",
        ] {
            #expect(throws: PostgresStoreError.self, "\(bad)") { try PostgresStore.Configuration(url: bad) }
        }
    }

    private static var database: String? { TestStores.databaseURL }

    @Test(.enabled(if: database != nil)) func instancesStartingTogetherMigrateOnce() async throws {
        let configuration = try TestStores.configuration(Self.database!, schema: TestStores.schemaName(for: UUID().uuidString))
        // Four instances open one empty schema at once; each must find the schema complete.
        let opened = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    guard let store = try? PostgresStore(configuration: configuration) else { return false }
                    return (try? await store.write { tx in try tx.setSetting("k", "v") }) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(opened == [true, true, true, true])
        #expect(try PostgresStore.migrate(configuration: configuration).isEmpty)
    }

    @Test(.enabled(if: database != nil)) func writesOfTwoInstancesAreSerialized() async throws {
        let configuration = try TestStores.configuration(Self.database!, schema: TestStores.schemaName(for: UUID().uuidString))
        let stores = [try PostgresStore(configuration: configuration), try PostgresStore(configuration: configuration)]
        // Read-modify-write from two instances at once: without the write lock, increments
        // would be lost between READ COMMITTED transactions.
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                let store = stores[index % 2]
                group.addTask {
                    _ = try? await store.write { tx in
                        let count = Int(try tx.setting("count") ?? "0") ?? 0
                        try tx.setSetting("count", String(count + 1))
                    }
                }
            }
        }
        #expect(try await stores[0].read { try $0.setting("count") } == "40")
    }

    @Test(.enabled(if: database != nil)) func uniqueViolationsAreRecognizable() async throws {
        let configuration = try TestStores.configuration(Self.database!, schema: TestStores.schemaName(for: UUID().uuidString))
        let store = try PostgresStore(configuration: configuration)
        _ = try await store.write { tx in try tx.insert(GameRecord(botID: 1, shortName: "g", title: "G", description: "", photo: Data(), createdAt: 1)) }
        do {
            _ = try await store.write { tx in try tx.insert(GameRecord(botID: 1, shortName: "g", title: "H", description: "", photo: Data(), createdAt: 1)) }
            Issue.record("a second game with the same short name was stored")
        } catch let error as PostgresStoreError {
            #expect(error.isUniqueViolation)
            #expect(!error.description.contains(configuration.password ?? "\u{0}"))
        }
    }

    @Test(.enabled(if: database != nil)) func aReadSeesOneSnapshot() async throws {
        let configuration = try TestStores.configuration(Self.database!, schema: TestStores.schemaName(for: UUID().uuidString))
        let store = try PostgresStore(configuration: configuration)
        try await store.write { tx in try tx.setSetting("n", "1") }
        let started = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()
        // A read that began before a commit keeps seeing the state it began with.
        async let seen: (String?, String?) = store.read { tx in
            let before = try tx.setting("n")
            started.continuation.yield()
            // Blocks this reader's queue (not a task) until the write committed.
            let semaphore = DispatchSemaphore(value: 0)
            Task { for await _ in release.stream { break }; semaphore.signal() }
            semaphore.wait()
            return (before, try tx.setting("n"))
        }
        for await _ in started.stream { break }
        try await store.write { tx in try tx.setSetting("n", "2") }
        release.continuation.yield()
        let (before, after) = try await seen
        #expect(before == "1" && after == "1")
        #expect(try await store.read { try $0.setting("n") } == "2")
    }
}
