import Foundation

/// A store that can save the whole world under a name and put it back later (the admin's
/// `saveSnapshot` / `restoreSnapshot`, `botapi snapshot`): SQLite with its online backup
/// into the data directory's `snapshots/<name>/`, PostgreSQL with a copy of every table into
/// a schema of the same database. File contents are part of the world: the SQLite store
/// copies its file vault beside the database copy; the PostgreSQL store keeps them in tables.
public protocol SnapshottingStore: Store {
    /// Saves the world as it is now under `name` (a checked ``SnapshotName``), replacing a
    /// snapshot of that name. No write runs meanwhile, so the copy is one consistent moment,
    /// and its files are exactly the ones its rows name (and perhaps a few more).
    ///
    /// - Parameters:
    ///   - filesDirectory: the data directory's file vault (SQLite; ignored by a store that
    ///     keeps files itself).
    ///   - savedAt: the world's time, listed with the snapshot.
    func saveSnapshot(named name: String, filesDirectory: URL, savedAt: Int64) async throws

    /// Replaces the world with the snapshot `name`; false when there is none.
    ///
    /// No other write runs from `capture` to the end of `reconcile`: `capture` reads the
    /// world about to be replaced, `reconcile` then adjusts the restored one (update ids
    /// never go back) before any other write can see it, inside the transaction that also
    /// sends its signals to other instances.
    func restoreSnapshot<Carried: Sendable>(
        named name: String, filesDirectory: URL,
        capture: @escaping @Sendable (any StoreWriter) throws -> Carried,
        reconcile: @escaping @Sendable (any StoreWriter, Carried) throws -> Void
    ) async throws -> Bool

    /// The saved snapshots, by name.
    func snapshots() async throws -> [SnapshotInfo]
}

/// One saved snapshot.
public struct SnapshotInfo: Sendable, Equatable {
    public let name: String
    /// The world's time when it was saved.
    public let savedAt: Int64

    public init(name: String, savedAt: Int64) {
        self.name = name
        self.savedAt = savedAt
    }
}

/// Snapshot names: 1 to 64 of `[A-Za-z0-9_-]`, so a name is always a plain directory name
/// (never `.`, `..` or a path) and a safe part of a PostgreSQL comment.
public enum SnapshotName {
    public static let maxLength = 64

    /// Whether `name` is a valid snapshot name.
    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        return (1...maxLength).contains(bytes.count) && bytes.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}

/// Why a snapshot could not be restored, in words for the admin.
public struct SnapshotError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// The snapshot was saved by a version of the server with other schema migrations.
    static func otherSchema(_ name: String) -> SnapshotError {
        SnapshotError("snapshot \(name) was saved with another version of the schema; save it again with this version")
    }
}
