import Foundation
import PostgresNIO

// MARK: Snapshots
extension PostgresTransaction {
    func allUpdateQueues() throws -> [UpdateQueueRecord] {
        try rows("SELECT recipient_id, next_update_id, allowed_updates FROM update_queue ORDER BY recipient_id").map { row in
            try UpdateQueueRecord(recipientID: row[0], nextUpdateID: row[1], allowedUpdates: row[2])
        }
    }

    /// Through negative ids, so that no row takes an id another still holds.
    func shiftPendingUpdates(recipientID: Int64, by shift: Int64) throws {
        try run("UPDATE pending_update SET update_id = -(update_id + \(shift)) WHERE recipient_id = \(recipientID) AND update_id > 0")
        try run("UPDATE pending_update SET update_id = -update_id WHERE recipient_id = \(recipientID) AND update_id < 0")
    }
}

/// Snapshots of a PostgreSQL world: a schema of the same database holding a copy of every
/// table of the world's schema (file contents included: they are rows too), so a snapshot
/// needs no binary beside the server. The schema is named `botapi_snapshot_` and 16 hex
/// digits of a hash of the world's schema and the snapshot's name (identifiers are limited
/// to 63 bytes; names are up to 64); its comment says which world and name it holds, and
/// when it was saved.
///
/// Saving and restoring run as writes (under the writers' advisory lock), so they see one
/// moment of the world and no instance writes in between; a restore's signal tells the other
/// instances (``InstanceSignal``).
extension PostgresStore: SnapshottingStore {
    public func saveSnapshot(named name: String, filesDirectory: URL, savedAt: Int64) async throws {
        precondition(SnapshotName.isValid(name), "unchecked snapshot name")
        try await groupCommit.write { tx in
            let world = try Self.worldSchema(tx)
            let snapshot = Self.snapshotSchema(world: world, name: name)
            try tx.run(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(snapshot) CASCADE"))
            try tx.run(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(snapshot)"))
            for table in try Self.tables(in: world, tx) {
                try tx.run(PostgresQuery(unsafeSQL: "CREATE TABLE \(snapshot).\(table) AS TABLE \(world).\(table)"))
            }
            // Only checked names and identifiers go into the comment: no quote to escape.
            let comment = #"{"world":"\#(world)","name":"\#(name)","saved_at":\#(savedAt)}"#
            try tx.run(PostgresQuery(unsafeSQL: "COMMENT ON SCHEMA \(snapshot) IS '\(comment)'"))
        }
    }

    /// Replaces every table's rows (DELETE, not TRUNCATE: readers in a snapshot of their own
    /// keep seeing the old world) with the snapshot's, in one transaction with `capture` and
    /// `reconcile`.
    public func restoreSnapshot<Carried: Sendable>(
        named name: String, filesDirectory: URL,
        capture: @escaping @Sendable (any StoreWriter) throws -> Carried,
        reconcile: @escaping @Sendable (any StoreWriter, Carried) throws -> Void
    ) async throws -> Bool {
        precondition(SnapshotName.isValid(name), "unchecked snapshot name")
        return try await groupCommit.write { tx in
            let world = try Self.worldSchema(tx)
            let snapshot = Self.snapshotSchema(world: world, name: name)
            guard let info = try Self.snapshots(tx).first(where: { $0.schema == snapshot }), info.world == world, info.info.name == name
            else { return false }
            let migrations = "SELECT name FROM %@.schema_migrations ORDER BY name"
            let saved = try tx.rows(PostgresQuery(unsafeSQL: migrations.replacingOccurrences(of: "%@", with: snapshot))).map { row -> String in try row[0] }
            let current = try tx.rows(PostgresQuery(unsafeSQL: migrations.replacingOccurrences(of: "%@", with: world))).map { row -> String in try row[0] }
            guard saved == current else { throw SnapshotError.otherSchema(name) }
            let carried = try capture(tx)
            let savedTables = Set(try Self.tables(in: snapshot, tx))
            let tables = try Self.tables(in: world, tx).filter { $0 != "schema_migrations" }
            // All emptied first, then filled in name order (`file_blob` before the pieces
            // that reference it).
            for table in tables { try tx.run(PostgresQuery(unsafeSQL: "DELETE FROM \(world).\(table)")) }
            for table in tables where savedTables.contains(table) {
                let columns = try Self.columns(of: table, in: world, tx).joined(separator: ", ")
                try tx.run(PostgresQuery(unsafeSQL: "INSERT INTO \(world).\(table) (\(columns)) SELECT \(columns) FROM \(snapshot).\(table)"))
            }
            try reconcile(tx, carried)
            return true
        }
    }

    public func snapshots() async throws -> [SnapshotInfo] {
        try await read { reader in
            let tx = reader as! PostgresTransaction
            let world = try Self.worldSchema(tx)
            return try Self.snapshots(tx).filter { $0.world == world }.map(\.info).sorted { $0.name < $1.name }
        }
    }

    /// The schema the world's tables are in (the configuration's, else the search path's first).
    private static func worldSchema(_ tx: PostgresTransaction) throws -> String {
        guard let schema = try tx.value("SELECT current_schema()", as: String.self), PostgresSchema.isPlainIdentifier(schema) else {
            throw PostgresStoreError.configuration("the world's schema is not a plain identifier")
        }
        return schema
    }

    static func snapshotSchema(world: String, name: String) -> String {
        "botapi_snapshot_" + String(UInt64(bitPattern: PostgresSchema.lockKey("snapshot", schema: "\(world)/\(name)")), radix: 16)
    }

    /// The tables of `schema`, by name; plain identifiers only (every table this store makes).
    private static func tables(in schema: String, _ tx: PostgresTransaction) throws -> [String] {
        try tx.rows("""
            SELECT table_name::text FROM information_schema.tables
            WHERE table_schema = \(schema) AND table_type = 'BASE TABLE' ORDER BY table_name
            """).map { row -> String in try row[0] }.filter(PostgresSchema.isPlainIdentifier)
    }

    /// The columns of `table` in `schema`, in their order.
    private static func columns(of table: String, in schema: String, _ tx: PostgresTransaction) throws -> [String] {
        try tx.rows("""
            SELECT column_name::text FROM information_schema.columns
            WHERE table_schema = \(schema) AND table_name = \(table) ORDER BY ordinal_position
            """).map { row -> String in try row[0] }.filter(PostgresSchema.isPlainIdentifier)
    }

    /// Every snapshot schema of the database, with what its comment says.
    private static func snapshots(_ tx: PostgresTransaction) throws -> [(schema: String, world: String, info: SnapshotInfo)] {
        try tx.rows("""
            SELECT nspname::text, obj_description(oid, 'pg_namespace') FROM pg_namespace
            WHERE nspname LIKE 'botapi\\_snapshot\\_%'
            """).compactMap { row in
            let schema: String = try row[0]
            let comment: String? = try row[1]
            guard let data = comment?.data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let world = object["world"] as? String, let name = object["name"] as? String,
                  let savedAt = (object["saved_at"] as? NSNumber)?.int64Value
            else { return nil }
            return (schema, world, SnapshotInfo(name: name, savedAt: savedAt))
        }
    }
}
