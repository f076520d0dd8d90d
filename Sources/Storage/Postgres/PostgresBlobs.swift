import Foundation
import Logging
import PostgresNIO
import Synchronization

/// File contents in the database (`file_blob`, `file_blob_chunk`), so instances sharing it
/// share no disk: a file uploaded through one downloads through any other, and a backup of
/// the database holds every file.
///
/// A blob is a `file_blob` row (size, number of pieces) and its pieces of 1 MiB, written in
/// one transaction on a connection of its own (``BlobSessions``), never the writer's: a large
/// upload does not hold other writes up, and a blob is visible only whole. Reads fetch one
/// piece per statement, so a download never holds more than a piece in memory, nor a
/// connection between pieces.
final class PostgresBlobStore: BlobStore {
    /// The size of every piece but the last.
    static let pieceSize = 1 << 20

    private let sessions: BlobSessions

    init(configuration: PostgresStore.Configuration, logger: Logger) {
        sessions = BlobSessions(configuration: configuration, logger: logger)
    }

    func store(_ data: Data, sha256: String) throws -> Bool {
        try BlobDigest.require(sha256)
        return try sessions.with { tx in
            if try tx.exists("SELECT 1 FROM file_blob WHERE sha256 = \(sha256)") { return false }
            return try tx.transaction("BEGIN") { try Self.insert(data, sha256: sha256, in: tx) }
        }
    }

    func store(_ data: Data, sha256: String, in tx: any StoreWriter) throws {
        try BlobDigest.require(sha256)
        guard let tx = tx as? PostgresTransaction else {
            _ = try store(data, sha256: sha256)
            return
        }
        _ = try Self.insert(data, sha256: sha256, in: tx)
    }

    /// Writes the blob's row and pieces in the open transaction `tx`; false when the blob
    /// is there already. Two writers of the same bytes: the second waits on the first's row
    /// (unique key) and, once it commits, adds nothing.
    private static func insert(_ data: Data, sha256: String, in tx: PostgresTransaction) throws -> Bool {
        let pieces = (data.count + pieceSize - 1) / pieceSize
        let inserted = try tx.exists("""
            INSERT INTO file_blob (sha256, size, piece_count) VALUES (\(sha256), \(Int64(data.count)), \(Int64(pieces)))
            ON CONFLICT (sha256) DO NOTHING RETURNING 1
            """)
        guard inserted else { return false }
        for seq in 0..<pieces {
            let start = data.startIndex + seq * pieceSize
            let piece = data[start..<min(start + pieceSize, data.endIndex)]
            try tx.run("INSERT INTO file_blob_piece (sha256, seq, bytes) VALUES (\(sha256), \(Int64(seq)), \(piece))")
        }
        return true
    }

    func contains(sha256: String) throws -> Bool {
        guard BlobDigest.isValid(sha256) else { return false }
        return try sessions.with { try $0.exists("SELECT 1 FROM file_blob WHERE sha256 = \(sha256)") }
    }

    func read(sha256: String) throws -> Data? {
        guard BlobDigest.isValid(sha256) else { return nil }
        return try sessions.with { tx in
            try tx.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { () -> Data? in
                guard let size: Int64 = try tx.value("SELECT size FROM file_blob WHERE sha256 = \(sha256)") else { return nil }
                var data = Data(capacity: Int(size))
                for row in try tx.rows("SELECT bytes FROM file_blob_piece WHERE sha256 = \(sha256) ORDER BY seq") {
                    let piece: Data = try row[0]
                    data.append(piece)
                }
                guard data.count == size else { throw PostgresStoreError.inconsistent("file contents \(sha256) are incomplete") }
                return data
            }
        }
    }

    func open(sha256: String) throws -> (any BlobReader)? {
        guard BlobDigest.isValid(sha256) else { return nil }
        let row = try sessions.with { tx in
            try tx.row("SELECT size, piece_count FROM file_blob WHERE sha256 = \(sha256)").map { row -> (Int64, Int64) in
                (try row[0], try row[1])
            }
        }
        guard let (size, pieces) = row else { return nil }
        return PostgresBlobReader(sha256: sha256, size: size, pieces: pieces, sessions: sessions)
    }

    func remove(sha256: String, in tx: any StoreWriter) throws {
        guard BlobDigest.isValid(sha256) else { return }
        // Pieces go with their row (ON DELETE CASCADE).
        if let tx = tx as? PostgresTransaction {
            try tx.run("DELETE FROM file_blob WHERE sha256 = \(sha256)")
        } else {
            try sessions.with { try $0.run("DELETE FROM file_blob WHERE sha256 = \(sha256)") }
        }
    }

    func digests() throws -> [String] {
        try sessions.with { tx in try tx.rows("SELECT sha256 FROM file_blob").map { row -> String in try row[0] } }
    }

    /// A blob's transaction that did not commit left nothing.
    func removePartialWrites() -> Int { 0 }
}

/// A blob read one piece per statement.
final class PostgresBlobReader: BlobReader {
    let size: Int64
    private let sha256: String
    private let pieces: Int64
    private let sessions: BlobSessions
    private var seq: Int64 = 0

    init(sha256: String, size: Int64, pieces: Int64, sessions: BlobSessions) {
        self.sha256 = sha256
        self.size = size
        self.pieces = pieces
        self.sessions = sessions
    }

    func next() throws -> Data? {
        guard seq < pieces else { return nil }
        let sha256 = sha256, seq = seq
        let piece = try sessions.with { tx -> Data? in
            try tx.value("SELECT bytes FROM file_blob_piece WHERE sha256 = \(sha256) AND seq = \(seq)")
        }
        // Blobs of stored files are never removed, so a missing piece is damage.
        guard let piece else { throw PostgresStoreError.inconsistent("file contents \(sha256) lack piece \(seq)") }
        self.seq += 1
        return piece
    }
}

/// Connections for file contents, apart from the writer and the readers: a blob's
/// transaction may take a while, and must not keep a read waiting. The calls block their
/// thread (as disk I/O does); at most `capacity` run at once, opened on demand.
final class BlobSessions: @unchecked Sendable {
    // Unchecked: `slots` is a semaphore, `idle` is behind a mutex.
    private let configuration: PostgresStore.Configuration
    private let logger: Logger
    private let slots: DispatchSemaphore
    private let idle = Mutex<[PostgresSession]>([])
    private let all = Mutex<[PostgresSession]>([])

    init(configuration: PostgresStore.Configuration, logger: Logger, capacity: Int = 4) {
        self.configuration = configuration
        self.logger = logger
        slots = DispatchSemaphore(value: capacity)
    }

    /// Runs `body` on a free session's queue and returns its result.
    func with<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        slots.wait()
        defer { slots.signal() }
        let session: PostgresSession
        if let free = idle.withLock({ $0.popLast() }) {
            session = free
        } else {
            session = PostgresSession(
                label: "botapi.postgres.blobs", connection: try PostgresStore.connect(configuration, logger: logger, attempts: 1),
                configuration: configuration, logger: logger)
            all.withLock { $0.append(session) }
        }
        defer { idle.withLock { $0.append(session) } }
        return try session.queue.sync { try body(session.transaction()) }
    }

    /// The connections close with the last reference to the blob store, which may outlive
    /// its ``PostgresStore``.
    deinit {
        for session in all.withLock({ $0 }) { session.close() }
    }
}
