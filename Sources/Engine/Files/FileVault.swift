import Foundation

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

    /// Stores `data` (if not stored yet) and returns its digest. A blob appears under its
    /// name only complete: it is written to a temporary name, synced, then renamed.
    func store(_ data: Data) throws -> String {
        let sha256 = SHA256.hex(data)
        guard let url = url(forSHA256: sha256) else { throw CocoaError(.fileWriteInvalidFileName) }
        let manager = FileManager.default
        if manager.fileExists(atPath: url.path) { return sha256 }
        let folder = url.deletingLastPathComponent()
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(sha256).\(UUID().uuidString).part")
        try data.write(to: temporary)
        if let handle = try? FileHandle(forWritingTo: temporary) {
            try? handle.synchronize()
            try? handle.close()
        }
        if rename(temporary.path, url.path) != 0 {
            try? manager.removeItem(at: temporary)
            if !manager.fileExists(atPath: url.path) { throw CocoaError(.fileWriteUnknown) }
        }
        return sha256
    }
}

extension Engine {
    /// The engine's file contents.
    var fileVault: FileVault { FileVault(directory: options.filesDirectory) }
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
