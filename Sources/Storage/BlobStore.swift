import Foundation

/// Where file contents live, by the lowercase hex SHA-256 of their bytes: on disk beside an
/// SQLite store (``DiskBlobStore``), in the database for a PostgreSQL store, so instances
/// sharing the database share no disk (``Store/blobStore(filesDirectory:)``).
///
/// A blob is visible only complete. Every digest is checked (``BlobDigest/isValid(_:)``)
/// before it names anything, so a client's text never becomes a path or a key.
/// The calls block on disk or database I/O; a whole upload is written without holding the
/// store's writer.
public protocol BlobStore: Sendable {
    /// Stores `data` under `sha256` (its digest, computed by the caller) unless a complete
    /// blob is there; true when this call wrote it.
    func store(_ data: Data, sha256: String) throws -> Bool
    /// Stores `data` inside the write transaction `tx` when the store can (the blob then
    /// exists only if `tx` commits), else as ``store(_:sha256:)``.
    func store(_ data: Data, sha256: String, in tx: any StoreWriter) throws
    /// Whether a complete blob `sha256` is stored.
    func contains(sha256: String) throws -> Bool
    /// The whole blob, or nil when it is not stored. For small files (stickers); downloads
    /// use ``open(sha256:)``.
    func read(sha256: String) throws -> Data?
    /// The blob in pieces of at most about 1 MiB, or nil when it is not stored.
    func open(sha256: String) throws -> (any BlobReader)?
    /// Removes the blob, if stored. The engine calls it inside a write transaction after
    /// checking that no file row names the digest; a store that can joins `tx`, so the
    /// removal commits (or rolls back) with that check.
    func remove(sha256: String, in tx: any StoreWriter) throws
    /// Every stored digest (for the start-up sweep).
    func digests() throws -> [String]
    /// Removes what a crash left half-written; returns how many pieces.
    func removePartialWrites() throws -> Int
}

/// A stored blob read piece by piece.
public protocol BlobReader: AnyObject {
    /// The blob's size in bytes.
    var size: Int64 { get }
    /// The next piece, or nil after the last.
    func next() throws -> Data?
}

/// Digests as blob names.
public enum BlobDigest {
    /// Exactly 64 lowercase hex digits.
    public static func isValid(_ sha256: String) -> Bool {
        let hex = Array(sha256.utf8)
        return hex.count == 64
            && hex.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) }
    }

    /// Throws for anything but a digest.
    static func require(_ sha256: String) throws {
        guard isValid(sha256) else { throw CocoaError(.fileWriteInvalidFileName) }
    }
}

/// File contents on disk, named by their SHA-256: `<directory>/<first two hex digits>/<hex>`.
/// Paths are built from checked hex digests only, never from anything a client sent, so
/// nothing can point outside the directory.
public struct DiskBlobStore: BlobStore {
    public let directory: URL
    /// Whether a new blob is synced to disk before it appears (false for a throwaway world).
    public let synchronizes: Bool

    public init(directory: URL, synchronizes: Bool = true) {
        self.directory = directory
        self.synchronizes = synchronizes
    }

    /// Where the blob with digest `sha256` lives; nil for anything but 64 lowercase hex digits.
    public func url(forSHA256 sha256: String) -> URL? {
        guard BlobDigest.isValid(sha256) else { return nil }
        return directory.appendingPathComponent(String(sha256.prefix(2)), isDirectory: true).appendingPathComponent(sha256)
    }

    /// A blob appears under its name only complete: it is written to a temporary name,
    /// synced, then renamed; a failed write leaves no temporary file behind.
    public func store(_ data: Data, sha256: String) throws -> Bool {
        try write(sha256: sha256) { try data.write(to: $0) }
    }

    /// Stores the blob `reader` reads (piece by piece, never whole in memory) unless it is here.
    public func copy(from reader: any BlobReader, sha256: String) throws {
        _ = try write(sha256: sha256) { temporary in
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            while let piece = try reader.next() { try handle.write(contentsOf: piece) }
        }
    }

    /// Writes a blob through `fill`, which fills a temporary file; false when it was stored.
    private func write(sha256: String, _ fill: (URL) throws -> Void) throws -> Bool {
        guard let url = url(forSHA256: sha256) else { throw CocoaError(.fileWriteInvalidFileName) }
        let manager = FileManager.default
        if manager.fileExists(atPath: url.path) { return false }
        let folder = url.deletingLastPathComponent()
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(sha256).\(UUID().uuidString)\(Self.temporarySuffix)")
        defer { try? manager.removeItem(at: temporary) }
        try fill(temporary)
        if synchronizes, let handle = try? FileHandle(forWritingTo: temporary) {
            try? handle.synchronize()
            try? handle.close()
        }
        if rename(temporary.path, url.path) != 0, !manager.fileExists(atPath: url.path) {
            throw CocoaError(.fileWriteUnknown)
        }
        return true
    }

    /// A file outside the database can't join its transaction.
    public func store(_ data: Data, sha256: String, in tx: any StoreWriter) throws {
        _ = try store(data, sha256: sha256)
    }

    public func contains(sha256: String) -> Bool {
        url(forSHA256: sha256).map { FileManager.default.fileExists(atPath: $0.path) } ?? false
    }

    public func read(sha256: String) -> Data? {
        url(forSHA256: sha256).flatMap { FileManager.default.contents(atPath: $0.path) }
    }

    public func open(sha256: String) throws -> (any BlobReader)? {
        guard let url = url(forSHA256: sha256), let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        return DiskBlobReader(handle: handle, size: Int64((try? handle.seekToEnd()) ?? 0))
    }

    /// Removes at once: the check that no row names the digest was made in `tx`, and any
    /// later row insertion (a later write) finds the blob gone and stores it again.
    public func remove(sha256: String, in tx: any StoreWriter) {
        remove(sha256: sha256)
    }

    /// Removes the blob, if present.
    public func remove(sha256: String) {
        guard let url = url(forSHA256: sha256) else { return }
        try? FileManager.default.removeItem(at: url)
    }

    public func digests() -> [String] {
        scan().blobs
    }

    public func removePartialWrites() -> Int {
        let files = scan().temporaryFiles
        for file in files { try? FileManager.default.removeItem(at: file) }
        return files.count
    }

    /// Every blob on disk, by digest, and every temporary file a crash left behind.
    private func scan() -> (blobs: [String], temporaryFiles: [URL]) {
        var blobs: [String] = []
        var temporaryFiles: [URL] = []
        let manager = FileManager.default
        for folder in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] {
            let folderURL = directory.appendingPathComponent(folder, isDirectory: true)
            for name in (try? manager.contentsOfDirectory(atPath: folderURL.path)) ?? [] {
                if name.hasSuffix(Self.temporarySuffix) {
                    temporaryFiles.append(folderURL.appendingPathComponent(name))
                } else if BlobDigest.isValid(name) {
                    blobs.append(name)
                }
            }
        }
        return (blobs, temporaryFiles)
    }

    private static let temporarySuffix = ".part"
}

/// A blob file read 1 MiB at a time.
final class DiskBlobReader: BlobReader {
    private let handle: FileHandle
    let size: Int64

    init(handle: FileHandle, size: Int64) {
        self.handle = handle
        self.size = size
        try? handle.seek(toOffset: 0)
    }

    deinit { try? handle.close() }

    func next() throws -> Data? {
        guard let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty else { return nil }
        return chunk
    }
}
