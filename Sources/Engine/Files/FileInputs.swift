import BotAPI
import Foundation
import Storage

/// A file parameter made concrete: either a file already stored (given by `file_id`), or new
/// bytes already written to the blob store whose database row is created (or found) inside the
/// sending transaction.
struct IncomingFile: Sendable {
    enum Source: Sendable {
        case existing(FileRecord)
        case new(FileRecord)
    }

    var source: Source
    /// The name the client gave this upload, if any.
    var fileName: String?
    /// The bytes of a new file, kept until its row exists: if a failed call removed the blob
    /// meanwhile (same bytes, see ``Engine/discardUnreferencedBlobs(_:)``), it is written again.
    var bytes: Data?
    /// Where the bytes of a new file are kept.
    var blobs: (any BlobStore)?
    /// The files and facts made from a new upload (``MediaDerivation``), stored with its row.
    var prepared: PreparedMedia?

    /// Width and height read from the image, when it is one.
    var dimensions: (width: Int, height: Int)? {
        switch source {
        case .existing(let record), .new(let record):
            guard let width = record.width, let height = record.height else { return nil }
            return (width, height)
        }
    }

    /// The file's row, inserting it for new bytes seen for the first time. Writes are
    /// serialized, so two uploads of the same bytes end up on one row.
    func record(in tx: Transaction) throws -> FileRecord {
        try record(in: tx.store, now: tx.now)
    }

    /// ``record(in:)`` for a write transaction given by its store and time.
    func record(in store: any StoreWriter, now: Int64) throws -> FileRecord {
        switch source {
        case .existing(let record):
            return record
        case .new(let candidate):
            if let stored = try store.file(sha256: candidate.sha256) { return stored }
            // Inside the transaction, so it is ordered with removals (in the database it
            // joins the transaction, and does nothing when the blob is there).
            if let blobs, let bytes { try blobs.store(bytes, sha256: candidate.sha256, in: store) }
            var record = candidate
            record.accessKey = FileIdentifiers.makeAccessKey()
            record.createdAt = now
            return try store.insert(record)
        }
    }
}

/// Resolves `InputFile` parameters (behaviour.md §1.5, §2.5): a multipart upload
/// (`attach://<name>` or a part named after the parameter), a `file_id`, an http(s) URL
/// the server downloads, or in local mode a `file://` path.
enum FileInputs {
    /// Resolves `value` as a file to send as `kind`; a new upload is processed as Telegram
    /// processes that kind (``MediaDerivation/prepare(_:as:in:)``) unless `process` is false.
    /// - Parameter missing: the error when an `attach://` name has no uploaded part.
    static func resolve(
        _ value: InputFileOrString, as kind: MediaKind, in call: MethodCall, missing: APIError, process: Bool = true
    ) async throws -> IncomingFile {
        var file = try await unprocessed(value, as: kind, in: call, missing: missing)
        if process { try MediaDerivation.prepare(&file, as: kind, in: call) }
        return file
    }

    private static func unprocessed(
        _ value: InputFileOrString, as kind: MediaKind, in call: MethodCall, missing: APIError
    ) async throws -> IncomingFile {
        let engine = call.engine
        switch value {
        case .attachment(let name):
            guard let upload = call.parameters.file(named: name) else { throw missing }
            return try store(upload.data, fileName: upload.filename, declaredType: upload.contentType, in: call)
        case .reference(let text):
            if engine.options.localFiles, text.hasPrefix("file:") {
                return try loadLocal(text, in: call)
            }
            if text.contains(".") || text.contains(":") {
                return try await download(text, as: kind, in: call)
            }
            return IncomingFile(source: .existing(try await existing(text, as: kind, for: call.account.id, engine: engine)), fileName: nil)
        }
    }

    /// Writes uploaded or downloaded bytes to the blob store and describes them. The call notes
    /// blobs it wrote, so they are removed if it fails.
    static func store(_ data: Data, fileName: String?, declaredType: String?, in call: MethodCall) throws -> IncomingFile {
        let engine = call.engine
        guard !data.isEmpty else { throw APIError.badRequest("file must be non-empty") }
        guard data.count <= FileLimits.upload(local: engine.options.localFiles) else {
            throw APIError(code: 413, description: "Request Entity Too Large")
        }
        let (sha256, isNew) = try engine.storeBlob(data)
        if isNew { call.newBlobs.append(sha256) }
        let image = ImageProbe.probe(Array(data.prefix(4 << 20)))
        let name = fileName.flatMap { $0.isEmpty ? nil : $0 }
        let record = FileRecord(
            sha256: sha256, size: Int64(data.count), accessKey: 0,
            mimeType: image?.mimeType ?? MimeTypes.guess(fileName: name, declared: declaredType),
            width: image?.width, height: image?.height, fileName: name, createdAt: 0)
        return IncomingFile(source: .new(record), fileName: name, bytes: data, blobs: engine.blobStore)
    }

    /// The stored file a `file_id` names, if `accountID` holds it (``FileAccess``) and it may
    /// be sent as `kind`.
    static func existing(_ fileID: String, as kind: MediaKind, for accountID: Int64, engine: Engine) async throws -> FileRecord {
        let decoded: FileIdentifiers.Decoded
        do {
            decoded = try FileIdentifiers.decode(fileID)
        } catch .base64(let reason) {
            throw APIError.badRequest("wrong remote file identifier specified: \(reason)")
        } catch {
            throw APIError.badRequest("wrong remote file identifier specified: can't unserialize it")
        }
        guard kind.accepts(decoded.kind), let record = try await lookUp(decoded, for: accountID, engine: engine) else {
            throw FileAccess.foreign
        }
        return record
    }

    /// The row a decoded `file_id` names, when its access key matches; throws
    /// ``FileAccess/foreign`` when `accountID` was never given the file.
    static func lookUp(_ decoded: FileIdentifiers.Decoded, for accountID: Int64, engine: Engine) async throws -> FileRecord? {
        try await engine.store.read { try FileAccess.usable(decoded, by: accountID, in: $0) }
    }

    /// Fetches an http(s) URL through the injected loader.
    private static func download(_ text: String, as kind: MediaKind, in call: MethodCall) async throws -> IncomingFile {
        let engine = call.engine
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let url = URL(string: withScheme), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty
        else { throw APIError.badRequest("wrong HTTP URL specified") }
        guard let loader = engine.options.remoteFileLoader else { throw APIError.badRequest("failed to get HTTP URL content") }
        let file: RemoteFile
        do {
            file = try await loader.load(url, maxBytes: FileLimits.byURL(kind, local: engine.options.localFiles))
        } catch .wrongURL {
            throw APIError.badRequest("wrong HTTP URL specified")
        } catch {
            // A refused address reads like any failed download: the client learns nothing
            // about the server's network.
            throw APIError.badRequest("failed to get HTTP URL content")
        }
        if let type = file.contentType?.lowercased(), type.hasPrefix("text/html") {
            throw APIError.badRequest("wrong type of the web page content")
        }
        let name = url.lastPathComponent.isEmpty || url.lastPathComponent == "/" ? nil : url.lastPathComponent
        return try store(file.data, fileName: name, declaredType: file.contentType, in: call)
    }

    /// Local mode's `file:///abs/path`, `file://localhost/abs/path` or `file:/abs/path`.
    private static func loadLocal(_ text: String, in call: MethodCall) throws -> IncomingFile {
        var path = String(text.dropFirst("file:".count))
        if path.hasPrefix("//localhost/") {
            path = String(path.dropFirst("//localhost".count))
        } else if path.hasPrefix("//") {
            path = String(path.dropFirst(2))
        }
        path = path.removingPercentEncoding ?? path
        guard path.hasPrefix("/"), let data = FileManager.default.contents(atPath: path) else {
            throw APIError.badRequest("wrong file identifier/HTTP URL specified")
        }
        return try store(data, fileName: (path as NSString).lastPathComponent, declaredType: nil, in: call)
    }
}

/// MIME types by file name extension, for what the image probe does not recognize.
enum MimeTypes {
    static let byExtension: [String: String] = [
        "pdf": "application/pdf", "zip": "application/zip", "json": "application/json", "txt": "text/plain",
        "csv": "text/csv", "html": "text/html", "xml": "application/xml", "mp3": "audio/mpeg", "m4a": "audio/mp4",
        "ogg": "audio/ogg", "oga": "audio/ogg", "opus": "audio/ogg", "wav": "audio/x-wav", "flac": "audio/flac",
        "mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm", "mkv": "video/x-matroska",
        "gif": "image/gif", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp",
        "tgs": "application/x-tgsticker", "doc": "application/msword", "apk": "application/vnd.android.package-archive",
    ]

    /// The type for `fileName`'s extension, else the uploader's declared type (unless it is
    /// the meaningless `application/octet-stream`).
    static func guess(fileName: String?, declared: String?) -> String? {
        if let fileName, let dot = fileName.lastIndex(of: "."),
           let type = byExtension[fileName[fileName.index(after: dot)...].lowercased()]
        {
            return type
        }
        guard let declared = declared?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
              !declared.isEmpty, declared != "application/octet-stream"
        else { return nil }
        return declared
    }

    /// A file extension for `mimeType`, if it has a usual one.
    static func fileExtension(for mimeType: String?) -> String? {
        guard let mimeType else { return nil }
        if mimeType == "image/jpeg" { return "jpg" }
        if mimeType == "audio/ogg" { return "oga" }
        return byExtension.filter { $0.value == mimeType }.keys.sorted().first
    }
}
