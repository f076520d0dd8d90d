import BotAPI
import Storage

/// `setChatPhoto` (bots and users): a new chat photo from an upload (a `file_id` or URL is
/// refused, as on Telegram), kept in the file store with its 160- and 640-pixel JPEG files
/// (getChat's `small_file_id` and `big_file_id`); posts `new_chat_photo`.
enum SetChatPhoto: APIMethod {
    static let name = "setChatPhoto"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try ChatSettings.chatID(of: call)
        let caller = call.account
        // The chat and the caller's rights are checked before the file, as the official
        // server does, and again in the write that follows the upload.
        _ = try await call.engine.store.read { tx in try ChatPhotos.group(chatID, caller: caller, now: call.engine.clock.now(), in: tx) }
        let missing = APIError.badRequest("there is no photo in the request")
        let part: String
        if call.parameters.file(named: "photo") != nil {
            part = "photo"
        } else if let value = call.parameters["photo"], !value.isEmpty {
            guard value.hasPrefix(InputFile.attachPrefix) else { throw APIError.badRequest("photo must be uploaded as an InputFile") }
            part = String(value.dropFirst(InputFile.attachPrefix.count))
        } else {
            throw missing
        }
        let upload = try await FileInputs.resolve(.attachment(part), as: .photo, in: call, missing: missing, process: false)
        try MediaSending.requireImage(upload)
        let (small, big) = try MediaDerivation.chatPhotoSizes(of: upload, in: call)
        try await call.engine.write { tx in
            var group = try ChatPhotos.group(chatID, caller: caller, now: tx.now, in: tx.store)
            let record = try upload.record(in: tx)
            let smallRecord = try small.record(in: tx), bigRecord = try big.record(in: tx)
            try tx.store.setDerivatives([smallRecord.id], of: record.id, role: .chatPhotoSmall)
            try tx.store.setDerivatives([bigRecord.id], of: record.id, role: .chatPhotoBig)
            group.details.photo = ChatPhotoState(
                fileID: record.id, uniqueID: FileIdentifiers.uniqueID(for: record), width: record.width ?? 0,
                height: record.height ?? 0, setAt: tx.now)
            let sizes = [smallRecord, bigRecord].compactMap { MediaSending.photoSize($0, as: .photo) }
            try GroupChats.postService(from: caller, in: &group, tx: tx) { $0.newChatPhoto = sizes }
        }
        return .true
    }
}
