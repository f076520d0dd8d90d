import Foundation
import Storage

/// `file_path`s and the downloads they name.
///
/// A relative path looks like the official one, `<kind directory>/file_<row id>.<ext>`. The
/// download route serves it only to an account that holds the file (``FileAccess``: it
/// uploaded it or received it, which getFile requires too), so a path alone, or another
/// account's token, gets a 404. In local mode
/// getFile answers with the blob's absolute path instead, as the official `--local` does.
enum FilePaths {
    /// The path getFile gives for `record` fetched as `kind`.
    static func relative(_ record: FileRecord, as kind: MediaKind) -> String {
        let name = "\(kind.directory)/file_\(record.id)"
        guard let ext = fileExtension(record, kind: kind) else { return name }
        return name + "." + ext
    }

    private static func fileExtension(_ record: FileRecord, kind: MediaKind) -> String? {
        if let ext = MimeTypes.fileExtension(for: record.mimeType) { return ext }
        if let name = record.fileName, let dot = name.lastIndex(of: ".") {
            let ext = name[name.index(after: dot)...].lowercased()
            if (1...8).contains(ext.count), ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) { return ext }
        }
        switch kind {
        case .photo, .thumbnail: return "jpg"
        case .voice: return "oga"
        case .audio: return "mp3"
        case .video, .animation, .videoNote: return "mp4"
        case .sticker: return "webp"
        case .document: return nil
        }
    }

    /// The row id named by a relative path, or nil for anything that is not exactly
    /// `<known directory>/file_<digits>[.<letters and digits>]`.
    static func rowID(of path: Substring) -> Int64? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, MediaKind.allCases.contains(where: { $0.directory == parts[0] }) else { return nil }
        var name = parts[1]
        guard name.hasPrefix("file_") else { return nil }
        name = name.dropFirst(5)
        if let dot = name.firstIndex(of: ".") {
            let ext = name[name.index(after: dot)...]
            guard (1...8).contains(ext.count), ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
            name = name[..<dot]
        }
        guard (1...18).contains(name.count), name.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(name)
    }
}

/// A stored file ready to be sent over HTTP.
public struct FileDownload: Sendable {
    /// The blob's digest, and where it is stored.
    let sha256: String
    let blobs: any BlobStore
    public let contentType: String
    public let size: Int64

    /// The contents, to read piece by piece (a large file is never held in memory whole);
    /// throws when they are gone.
    public func open() throws -> any BlobReader {
        guard let reader = try blobs.open(sha256: sha256) else { throw CocoaError(.fileNoSuchFile) }
        return reader
    }
}

extension Engine {
    /// The file `/file/<surface><token>/<path>` names, for the account of `token`:
    /// 401 for a bad token, 404 for a path that is malformed, unknown, or names a file this
    /// account was never given.
    public func download(surface: Surface, token: Substring, path: Substring) async -> Result<FileDownload, APIError> {
        do {
            let caller = try await authenticate(surface: surface, token: token)
            guard let account = caller.account, let rowID = FilePaths.rowID(of: path) else { return .failure(.notFound) }
            let record = try await store.read { tx -> FileRecord? in
                guard let record = try tx.file(id: rowID), try tx.fileIsGranted(fileID: rowID, to: account.id) else { return nil }
                return record
            }
            let blobs = blobStore
            guard let record, try blobs.contains(sha256: record.sha256) else { return .failure(.notFound) }
            return .success(FileDownload(
                sha256: record.sha256, blobs: blobs, contentType: record.mimeType ?? "application/octet-stream", size: record.size))
        } catch let error as APIError {
            return .failure(error)
        } catch {
            return .failure(internalFailure(error, during: "file download"))
        }
    }
}
