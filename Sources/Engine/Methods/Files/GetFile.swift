import BotAPI
import Storage

/// `getFile` for bots and users: a `file_path` to download a file from, within the 20 MB
/// limit (none in local mode, where the path is the file's absolute path on disk), for a
/// file the caller holds (``FileAccess``).
enum GetFile: APIMethod {
    static let name = "getFile"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: GetFileParameters = try call.decode()
        let engine = call.engine
        // A file the caller was never given answers as a foreign `file_id` does when sent.
        guard let decoded = try? FileIdentifiers.decode(p.fileId),
              let record = try await FileInputs.lookUp(decoded, for: call.account.id, engine: engine)
        else { throw APIError.badRequest("invalid file_id") }
        let local = engine.options.localFiles
        if !local && record.size > FileLimits.download { throw APIError.badRequest("file is too big") }
        let path = try local ? engine.localPath(sha256: record.sha256) : FilePaths.relative(record, as: decoded.kind)
        return MethodResult(File(
            fileId: FileIdentifiers.fileID(for: record, as: decoded.kind), fileUniqueId: FileIdentifiers.uniqueID(for: record),
            fileSize: Int(record.size), filePath: path))
    }
}
