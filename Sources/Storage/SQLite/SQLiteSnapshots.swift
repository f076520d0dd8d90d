import Foundation
import GRDB

/// Snapshots of an SQLite world: `<data directory>/snapshots/<name>/` holds `botapi.sqlite`
/// (a copy made with SQLite's online backup API), `files/` (the file vault's blobs, hard
/// linked when the file system allows: blobs never change once written) and `snapshot.json`
/// (the name and the world's time it was saved at). Names are checked ``SnapshotName``s, so
/// every path stays inside `snapshots/`.
extension SQLiteStore: SnapshottingStore {
    /// Where the snapshots of this world are kept: beside the database, in the data directory.
    var snapshotsDirectory: URL {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("snapshots", isDirectory: true)
    }

    private static let databaseName = "botapi.sqlite"
    private static let infoName = "snapshot.json"

    /// Runs on the writer connection outside any transaction: no write runs meanwhile, so the
    /// copy and the file vault are of one moment (blobs are removed only inside writes).
    public func saveSnapshot(named name: String, filesDirectory: URL, savedAt: Int64) async throws {
        precondition(SnapshotName.isValid(name), "unchecked snapshot name")
        let root = snapshotsDirectory
        try await pool.writeWithoutTransaction { db in
            let manager = FileManager.default
            try manager.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // Built under a hidden name and renamed into place: an interrupted save leaves the
            // older snapshot of that name whole.
            let staging = root.appendingPathComponent(".\(name).\(UUID().uuidString).partial", isDirectory: true)
            defer { try? manager.removeItem(at: staging) }
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            let copy = try DatabaseQueue(path: staging.appendingPathComponent(Self.databaseName).path)
            try copy.writeWithoutTransaction { destination in try db.backup(to: destination) }
            try copy.close()
            try Self.copyBlobs(
                from: DiskBlobStore(directory: filesDirectory),
                to: DiskBlobStore(directory: staging.appendingPathComponent("files", isDirectory: true)))
            let info = try JSONSerialization.data(withJSONObject: ["name": name, "saved_at": savedAt])
            try info.write(to: staging.appendingPathComponent(Self.infoName))
            let target = root.appendingPathComponent(name, isDirectory: true)
            if manager.fileExists(atPath: target.path) {
                let old = root.appendingPathComponent(".\(name).\(UUID().uuidString).old", isDirectory: true)
                try manager.moveItem(at: target, to: old)
                defer { try? manager.removeItem(at: old) }
                try manager.moveItem(at: staging, to: target)
            } else {
                try manager.moveItem(at: staging, to: target)
            }
        }
    }

    /// Backs the snapshot up into the live database (SQLite's backup API, on the writer
    /// connection, so readers see the old world or the restored one, never a mix), then
    /// makes the file vault hold exactly the snapshot's blobs. A crash on the way leaves one
    /// world whole, its blobs all there, perhaps with unnamed ones that the start-up sweep
    /// removes.
    public func restoreSnapshot<Carried: Sendable>(
        named name: String, filesDirectory: URL,
        capture: @escaping @Sendable (any StoreWriter) throws -> Carried,
        reconcile: @escaping @Sendable (any StoreWriter, Carried) throws -> Void
    ) async throws -> Bool {
        precondition(SnapshotName.isValid(name), "unchecked snapshot name")
        let folder = snapshotsDirectory.appendingPathComponent(name, isDirectory: true)
        let file = folder.appendingPathComponent(Self.databaseName)
        guard FileManager.default.fileExists(atPath: file.path) else { return false }
        let snapshot = try DatabaseQueue(path: file.path)
        defer { try? snapshot.close() }
        // A snapshot of another schema version would bring back tables this version reads
        // differently.
        let saved = try await snapshot.read { try SQLiteSchema.migrator.appliedIdentifiers($0) }
        let current = try await pool.read { try SQLiteSchema.migrator.appliedIdentifiers($0) }
        guard saved == current else { throw SnapshotError.otherSchema(name) }
        let scratch = snapshotsDirectory.appendingPathComponent(".\(name).\(UUID().uuidString).restoring").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) } }
        try await pool.writeWithoutTransaction { db in
            var carried: Carried?
            try db.inTransaction {
                carried = try capture(SQLiteTransaction(db: db, effects: CommitEffects()))
                return .commit
            }
            // The snapshot's blobs first, so the restored rows never name a missing one.
            let live = DiskBlobStore(directory: filesDirectory)
            let saved = DiskBlobStore(directory: folder.appendingPathComponent("files", isDirectory: true))
            let wanted = Set(saved.digests())
            try Self.copyBlobs(wanted, from: saved, to: live)
            // Reconciled in a scratch copy, then backed up into the live database in one step:
            // one transaction there, so a crash leaves the old world or the restored one, whole.
            let copy = try DatabaseQueue(path: scratch)
            try snapshot.backup(to: copy)
            try copy.write { copyDB in try reconcile(SQLiteTransaction(db: copyDB, effects: CommitEffects()), carried!) }
            try copy.writeWithoutTransaction { source in try source.backup(to: db) }
            try copy.close()
            // Then the blobs the restored rows do not name go, as the start-up sweep would
            // remove them. An upload that wrote its blob before the restore and records its
            // file after it finds the blob gone and writes it again (``IncomingFile``), as
            // after any removal.
            for digest in live.digests() where !wanted.contains(digest) { live.remove(sha256: digest) }
        }
        // Readers keep no page of the old world.
        pool.invalidateReadOnlyConnections()
        return true
    }

    public func snapshots() async throws -> [SnapshotInfo] {
        let manager = FileManager.default
        let root = snapshotsDirectory
        let names = (try? manager.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter(SnapshotName.isValid).sorted().compactMap { name in
            let folder = root.appendingPathComponent(name, isDirectory: true)
            guard manager.fileExists(atPath: folder.appendingPathComponent(Self.databaseName).path) else { return nil }
            let info = (try? Data(contentsOf: folder.appendingPathComponent(Self.infoName)))
                .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            return SnapshotInfo(name: name, savedAt: (info?["saved_at"] as? NSNumber)?.int64Value ?? 0)
        }
    }

    /// Puts every blob of `source` into `destination`: a hard link (blobs are immutable and
    /// removed only by unlinking, so the two never affect each other), else a copy.
    private static func copyBlobs(from source: DiskBlobStore, to destination: DiskBlobStore) throws {
        try copyBlobs(source.digests(), from: source, to: destination)
    }

    private static func copyBlobs(_ digests: some Sequence<String>, from source: DiskBlobStore, to destination: DiskBlobStore) throws {
        let manager = FileManager.default
        for digest in digests {
            guard let from = source.url(forSHA256: digest), let to = destination.url(forSHA256: digest),
                  !manager.fileExists(atPath: to.path)
            else { continue }
            try manager.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            if (try? manager.linkItem(at: from, to: to)) == nil {
                // Another file system: copy under a temporary name, so the blob appears whole.
                guard let reader = try source.open(sha256: digest) else { continue }
                try destination.copy(from: reader, sha256: digest)
            }
        }
    }
}

// MARK: Snapshots
extension SQLiteTransaction {
    func allUpdateQueues() throws -> [UpdateQueueRecord] {
        try Row.fetchAll(db, sql: "SELECT recipient_id, next_update_id, allowed_updates FROM update_queue ORDER BY recipient_id").map { row in
            UpdateQueueRecord(recipientID: row[0], nextUpdateID: row[1], allowedUpdates: row[2])
        }
    }

    /// Through negative ids, so that no row takes an id another still holds.
    func shiftPendingUpdates(recipientID: Int64, by shift: Int64) throws {
        try db.execute(
            sql: "UPDATE pending_update SET update_id = -(update_id + ?) WHERE recipient_id = ? AND update_id > 0",
            arguments: [shift, recipientID])
        try db.execute(
            sql: "UPDATE pending_update SET update_id = -update_id WHERE recipient_id = ? AND update_id < 0", arguments: [recipientID])
    }
}
