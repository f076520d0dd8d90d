import BotAPI
import Storage

/// `uploadStickerFile`: stores a sticker file for a later createNewStickerSet,
/// addStickerToSet or replaceStickerInSet, after checking it is the format it claims
/// (its size in a set is checked when it goes into one). The bot and the user may then
/// use its `file_id`.
enum UploadStickerFile: APIMethod {
    static let name = "uploadStickerFile"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let format = try StickerFormat.parse(call.parameters["sticker_format"])
        guard call.parameters.contains("sticker") else {
            throw APIError.badRequest("there is no sticker in the request")
        }
        let value = call.parameters["sticker"].map(InputFileOrString.init) ?? .attachment("sticker")
        let bot = call.account
        _ = try await call.engine.store.read { try StickerSets.owner(userID, bot: bot, in: $0) }
        let file = try await FileInputs.resolve(value, as: .sticker, in: call, missing: APIError.badRequest("there is no sticker in the request"))
        try StickerFiles.checkFormat(try StickerSets.bytes(of: file, engine: call.engine), format: format)
        let record = try await call.engine.write { tx in
            let record = try file.record(in: tx)
            try tx.store.grantFile(fileID: record.id, to: bot.id)
            try tx.store.grantFile(fileID: record.id, to: userID)
            return record
        }
        return MethodResult(File(
            fileId: FileIdentifiers.fileID(for: record, as: .sticker), fileUniqueId: FileIdentifiers.uniqueID(for: record),
            fileSize: Int(record.size)))
    }
}
