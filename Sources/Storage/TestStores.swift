import Foundation

/// The store the test suites run on: SQLite by default, PostgreSQL when the environment names
/// a database in `BOTAPI_TEST_DATABASE` (`postgres://user:password@host:port/database`, as
/// `scripts/with-postgres` sets it), so the same tests check both stores.
public enum TestStores {
    /// The PostgreSQL database the tests were asked to use, if any.
    public static var databaseURL: String? {
        ProcessInfo.processInfo.environment["BOTAPI_TEST_DATABASE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The store of a test world whose SQLite file would be at `path`: that file, or a
    /// PostgreSQL schema of its own named after `path`, so opening the same path again opens
    /// the same world (as after a restart) and every other world starts empty.
    public static func open(path: String) throws -> any Store {
        guard let databaseURL else { return try SQLiteStore(path: path) }
        var configuration = try configuration(databaseURL, schema: schemaName(for: path))
        // Hundreds of worlds live at once while the suites run in parallel: one reader each
        // keeps them within the test cluster's connection limit.
        configuration.readerCount = 1
        return try PostgresStore(configuration: configuration)
    }

    /// A PostgreSQL configuration for tests: a fresh schema, two readers, bounded statements.
    public static func configuration(_ url: String, schema: String) throws -> PostgresStore.Configuration {
        var configuration = try PostgresStore.Configuration(url: url)
        configuration.schema = schema
        configuration.readerCount = 2
        configuration.statementTimeout = .seconds(60)
        configuration.connectAttempts = 5
        return configuration
    }

    /// `w_` and 16 hex digits of a stable hash of `key`.
    public static func schemaName(for key: String) -> String {
        "w_" + String(UInt64(bitPattern: PostgresSchema.lockKey("world", schema: key)), radix: 16)
    }
}
