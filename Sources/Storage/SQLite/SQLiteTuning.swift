import Foundation
import GRDB

/// Write-path settings of the SQLite store. The defaults are the measured best on the 2-core
/// benchmark machine (BENCHMARKS.md); the `BOTAPI_SQLITE_*` environment variables override
/// them so alternatives can be compared on one build.
struct SQLiteTuning: Sendable {
    /// Page cache per connection, in KiB.
    var cacheKiB = 16_384
    /// Writes (requests) between two background checkpoints; 0 leaves checkpoints to SQLite's
    /// auto-checkpoint inside the committing writer.
    var backgroundCheckpointEvery = 256
    /// The writer's own auto-checkpoint threshold, in WAL pages: with background checkpoints
    /// it is only the bound on WAL growth when the background cannot keep up.
    var writerAutoCheckpointPages: Int? = 10_000
    /// Whether a batch of one write still runs in its own savepoint.
    var savepointForSingleWrite = false

    var cacheSizePragma: String { "-\(cacheKiB)" }

    /// A connection configuration with the store's busy timeout and `label`, running `pragma`
    /// on every connection it opens.
    static func configuration(label: String, pragma: String) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = label
        configuration.prepareDatabase { db in try db.execute(sql: pragma) }
        return configuration
    }

    static let current: SQLiteTuning = {
        var tuning = SQLiteTuning()
        let environment = ProcessInfo.processInfo.environment
        func integer(_ name: String) -> Int? { environment[name].flatMap { Int($0) } }
        if let value = integer("BOTAPI_SQLITE_CACHE_KIB") { tuning.cacheKiB = value }
        if let value = integer("BOTAPI_SQLITE_BACKGROUND_CHECKPOINT") {
            tuning.backgroundCheckpointEvery = value
            if value == 0 { tuning.writerAutoCheckpointPages = nil }
        }
        if let value = integer("BOTAPI_SQLITE_AUTOCHECKPOINT") { tuning.writerAutoCheckpointPages = value }
        if let value = integer("BOTAPI_SQLITE_SINGLE_SAVEPOINT") { tuning.savepointForSingleWrite = value != 0 }
        return tuning
    }()
}
