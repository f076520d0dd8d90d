import Foundation
import Synchronization

/// File contents on disk, named by their SHA-256: `<files>/<first two hex digits>/<hex>`.
/// Paths are built from hex digests only, never from anything a client sent, so nothing can
/// point outside the directory.
struct FileVault: Sendable {
    let directory: URL

    /// Where the blob with digest `sha256` lives; nil for anything but 64 lowercase hex digits.
    func url(forSHA256 sha256: String) -> URL? {
        let hex = Array(sha256.utf8)
        guard hex.count == 64, hex.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) })
        else { return nil }
        return directory.appendingPathComponent(String(sha256.prefix(2)), isDirectory: true).appendingPathComponent(sha256)
    }

    /// Stores `data` (if not stored yet) and returns its digest, and whether this call wrote
    /// it. A blob appears under its name only complete: it is written to a temporary name,
    /// synced, then renamed; a failed write leaves no temporary file behind.
    func store(_ data: Data) throws -> (sha256: String, isNew: Bool) {
        let sha256 = SHA256.hex(data)
        guard let url = url(forSHA256: sha256) else { throw CocoaError(.fileWriteInvalidFileName) }
        let manager = FileManager.default
        if manager.fileExists(atPath: url.path) { return (sha256, false) }
        let folder = url.deletingLastPathComponent()
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(sha256).\(UUID().uuidString)\(Self.temporarySuffix)")
        defer { try? manager.removeItem(at: temporary) }
        try data.write(to: temporary)
        if let handle = try? FileHandle(forWritingTo: temporary) {
            try? handle.synchronize()
            try? handle.close()
        }
        if rename(temporary.path, url.path) != 0, !manager.fileExists(atPath: url.path) {
            throw CocoaError(.fileWriteUnknown)
        }
        return (sha256, true)
    }

    /// Whether the blob `sha256` is on disk.
    func contains(sha256: String) -> Bool {
        url(forSHA256: sha256).map { FileManager.default.fileExists(atPath: $0.path) } ?? false
    }

    /// Removes the blob `sha256`, if present.
    func remove(sha256: String) {
        guard let url = url(forSHA256: sha256) else { return }
        try? FileManager.default.removeItem(at: url)
    }

    /// Every blob on disk, by digest, and every temporary file a crash left behind.
    func contents() -> (blobs: [String], temporaryFiles: [URL]) {
        var blobs: [String] = []
        var temporaryFiles: [URL] = []
        let manager = FileManager.default
        for folder in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] {
            let folderURL = directory.appendingPathComponent(folder, isDirectory: true)
            for name in (try? manager.contentsOfDirectory(atPath: folderURL.path)) ?? [] {
                if name.hasSuffix(Self.temporarySuffix) {
                    temporaryFiles.append(folderURL.appendingPathComponent(name))
                } else if url(forSHA256: name) != nil {
                    blobs.append(name)
                }
            }
        }
        return (blobs, temporaryFiles)
    }

    private static let temporarySuffix = ".part"
}

/// The blobs one call wrote to the vault. When the call fails, those that no file row took
/// are removed at once (``Engine/discardUnreferencedBlobs(_:)``); the start-up sweep
/// (``Engine/sweepFileVault()``) removes what a crash left.
final class NewBlobs: Sendable {
    private let digests = Mutex<[String]>([])

    func append(_ sha256: String) {
        digests.withLock { $0.append(sha256) }
    }

    var all: [String] { digests.withLock { $0 } }
}

extension Engine {
    /// The engine's file contents.
    var fileVault: FileVault { FileVault(directory: options.filesDirectory) }

    /// Removes the blobs of `digests` that no file row names. Runs in a write transaction, so
    /// it is ordered with every row insertion: a concurrent upload of the same bytes either
    /// inserted its row first (the blob stays) or finds the blob gone and writes it again
    /// (``IncomingFile/record(in:now:)``).
    func discardUnreferencedBlobs(_ digests: [String]) async {
        guard !digests.isEmpty else { return }
        let vault = fileVault
        do {
            try await store.write { tx in
                for sha256 in Set(digests) where try tx.file(sha256: sha256) == nil {
                    vault.remove(sha256: sha256)
                }
            }
        } catch {
            logger.error("discarding unused uploads failed: \(error)")
        }
    }

    /// Removes temporary files and blobs no file row names, left by a crash or a failed
    /// cleanup. Call it at start-up, before the server takes requests.
    public func sweepFileVault() async throws -> (blobs: Int, temporaryFiles: Int) {
        let vault = fileVault
        let (blobs, temporaryFiles) = vault.contents()
        for file in temporaryFiles { try? FileManager.default.removeItem(at: file) }
        let orphans = try await store.read { tx in try blobs.filter { try tx.file(sha256: $0) == nil } }
        for sha256 in orphans { vault.remove(sha256: sha256) }
        return (orphans.count, temporaryFiles.count)
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
