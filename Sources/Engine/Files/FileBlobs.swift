import Foundation
import Storage
import Synchronization

/// The blobs one call wrote to the blob store. When the call fails, those that no file row
/// took are removed at once (``Engine/discardUnreferencedBlobs(_:)``); the start-up sweep
/// (``Engine/sweepFileVault()``) removes what a crash left.
final class NewBlobs: Sendable {
    private let digests = Mutex<[String]>([])

    func append(_ sha256: String) {
        digests.withLock { $0.append(sha256) }
    }

    var all: [String] { digests.withLock { $0 } }
}

extension Engine {
    /// Where the engine's file contents live, as its store decides: beside an SQLite store
    /// in the data directory's `files` folder, inside a PostgreSQL store's database.
    public var blobStore: any BlobStore { store.blobStore(filesDirectory: options.filesDirectory) }

    /// Stores `data` (if not stored yet) and returns its digest, and whether this call wrote it.
    func storeBlob(_ data: Data) throws -> (sha256: String, isNew: Bool) {
        let sha256 = SHA256.hex(data)
        return (sha256, try blobStore.store(data, sha256: sha256))
    }

    /// Removes the blobs of `digests` that no file row names. Runs in a write transaction
    /// (which the removal joins when the store can), so it is ordered with every row
    /// insertion: a concurrent upload of the same bytes, in this instance or another,
    /// either inserted its row first (the blob stays) or finds the blob gone and writes it
    /// again (``IncomingFile/record(in:now:)``). Returns how many were removed.
    @discardableResult
    func discardUnreferencedBlobs(_ digests: [String]) async -> Int {
        guard !digests.isEmpty else { return 0 }
        let blobs = blobStore
        do {
            return try await store.write { tx in
                var removed = 0
                for sha256 in Set(digests) where try tx.file(sha256: sha256) == nil {
                    try blobs.remove(sha256: sha256, in: tx)
                    removed += 1
                }
                return removed
            }
        } catch {
            logger.error("discarding unused uploads failed: \(error)")
            return 0
        }
    }

    /// Removes partial writes and blobs no file row names, left by a crash or a failed
    /// cleanup, and (with shared contents) the copies local mode left in the data
    /// directory. Call it at start-up, before the server takes requests.
    public func sweepFileVault() async throws -> (blobs: Int, temporaryFiles: Int) {
        let blobs = blobStore
        var partial = try blobs.removePartialWrites()
        if !(blobs is DiskBlobStore) {
            let copies = localCopies
            partial += copies.removePartialWrites()
            for sha256 in copies.digests() { copies.remove(sha256: sha256) }
        }
        let digests = try blobs.digests()
        let orphans = try await store.read { tx in try digests.filter { try tx.file(sha256: $0) == nil } }
        return (await discardUnreferencedBlobs(orphans), partial)
    }

    /// The data directory's `files` folder as a disk store: the blobs themselves with
    /// SQLite, local mode's copies of shared blobs otherwise.
    private var localCopies: DiskBlobStore { DiskBlobStore(directory: options.filesDirectory) }

    /// The absolute path local mode's getFile gives: the blob itself on disk, or a copy of a
    /// shared blob written into this instance's data directory (the client reads files by
    /// path in local mode; the next start-up removes the copies). Nil when not stored.
    func localPath(sha256: String) throws -> String? {
        let copies = localCopies
        guard let url = copies.url(forSHA256: sha256) else { return nil }
        let blobs = blobStore
        if blobs is DiskBlobStore || copies.contains(sha256: sha256) { return url.path }
        guard let reader = try blobs.open(sha256: sha256) else { return nil }
        try copies.copy(from: reader, sha256: sha256)
        return url.path
    }
}

/// The official size limits (behaviour.md §1.6, §5, §6.1).
enum FileLimits {
    /// Uploads: 50 MB, 2000 MB in local mode.
    static func upload(local: Bool) -> Int { local ? 2000 << 20 : 50 << 20 }
    /// getFile downloads: 20 MB, unlimited in local mode.
    static let download = 20 << 20
    /// Files the server fetches by URL: 5 MB for photos, 20 MB for anything else.
    static func byURL(_ kind: MediaKind, local: Bool) -> Int {
        if local { return upload(local: true) }
        return kind == .photo ? 5 << 20 : 20 << 20
    }
}
