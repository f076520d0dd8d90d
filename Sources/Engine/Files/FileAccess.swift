import BotAPI
import Storage

/// Who may use a file, as on Telegram, where a `file_id` works only for the accounts it was
/// given to: the uploader, and every account a message carrying the file was delivered to
/// (the private chat's other party, group members who got the message, recipients of
/// forwards, copies and edited media). Each such delivery stores a grant in the same
/// transaction (``Visibility/Receipt``: one per recipient and file, as media messages are
/// not the hot path); sending, `getFile` and downloads check it. A `file_id` learnt any
/// other way answers the official "wrong file identifier/HTTP URL specified".
enum FileAccess {
    static let foreign = APIError.badRequest("wrong file identifier/HTTP URL specified")

    /// The stored file a decoded `file_id` names, if its access key matches and `accountID`
    /// holds it; throws ``foreign`` for a real file the account was never given.
    static func usable(_ decoded: FileIdentifiers.Decoded, by accountID: Int64, in tx: any StoreReader) throws -> FileRecord? {
        guard let record = try tx.file(id: decoded.rowID), record.accessKey == decoded.accessKey else { return nil }
        guard try tx.fileIsGranted(fileID: record.id, to: accountID) else { throw foreign }
        return record
    }

    /// The file rows whose ids a message's own media carry (see ``Visibility/receipt(of:)``,
    /// which grants them to each recipient).
    static func collectFiles(of m: Message, into rows: inout Set<Int64>) {
        func add(_ fileID: String?) {
            if let fileID, let decoded = try? FileIdentifiers.decode(fileID) { rows.insert(decoded.rowID) }
        }
        func add(_ sizes: [PhotoSize]?) {
            for size in sizes ?? [] { add(size.fileId) }
        }
        add(m.photo)
        add(m.newChatPhoto)
        add(m.game?.photo)
        if let d = m.document { add(d.fileId); add(d.thumbnail?.fileId) }
        if let a = m.audio { add(a.fileId); add(a.thumbnail?.fileId) }
        if let v = m.video { add(v.fileId); add(v.thumbnail?.fileId) }
        if let a = m.animation { add(a.fileId); add(a.thumbnail?.fileId) }
        if let v = m.voice { add(v.fileId) }
        if let v = m.videoNote { add(v.fileId); add(v.thumbnail?.fileId) }
        if let s = m.sticker { add(s.fileId); add(s.thumbnail?.fileId) }
        for fileID in RichMessageFiles.fileIDs(of: m) { add(fileID) }
    }
}
