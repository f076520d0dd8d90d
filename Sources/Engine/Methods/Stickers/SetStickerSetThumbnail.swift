import BotAPI
import Storage

/// `setStickerSetThumbnail`: the thumbnail of a regular or mask set of the bot's that
/// `user_id` owns: a 100×100 WEBP or PNG, a TGS or a WEBM (32 KB), uploaded or by
/// `file_id`; absent removes it (the first sticker is shown instead).
enum SetStickerSetThumbnail: APIMethod {
    static let name = "setStickerSetThumbnail"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let name = call.parameters["name"]
        let rawFormat = call.parameters["format"] ?? ""
        let format: StickerFormat? = try rawFormat.isEmpty ? nil : StickerFormat.parse(rawFormat)
        let value: InputFileOrString? = ["thumbnail", "thumb"].lazy.compactMap { name -> InputFileOrString? in
            if let text = call.parameters[name], !text.isEmpty { return InputFileOrString(text) }
            return call.parameters.file(named: name) != nil ? .attachment(name) : nil
        }.first
        let bot = call.account
        let set = try await call.engine.store.read { tx in
            let owner = try StickerSets.owner(userID, bot: bot, in: tx)
            return try StickerSets.managed(name, by: bot, owner: owner, in: tx)
        }
        guard set.stickerType != StickerType.customEmoji.rawValue else { throw StickerSets.setInvalid }
        var thumbnail: (file: IncomingFile, format: StickerFormat)?
        if let value {
            let file = try await FileInputs.resolve(value, as: .sticker, in: call, missing: APIError.badRequest("STICKER_THUMB_PNG_NOPNG"))
            let bytes = try StickerSets.bytes(of: file, engine: call.engine)
            let found = try StickerFiles.checkThumbnail(bytes, format: format)
            thumbnail = (file, found)
        }
        let prepared = thumbnail
        try await call.engine.write { tx in
            guard var current = try tx.store.stickerSet(id: set.id) else { throw StickerSets.setInvalid }
            if let prepared {
                let record = try prepared.file.record(in: tx)
                try tx.store.grantFile(fileID: record.id, to: bot.id)
                current.thumbnailFileID = record.id
                current.thumbnailFormat = prepared.format.rawValue
            } else {
                current.thumbnailFileID = nil
                current.thumbnailFormat = nil
            }
            try tx.store.update(current)
        }
        return .true
    }
}
