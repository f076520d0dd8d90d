import BotAPI
import Storage

/// `deleteStickerFromSet`: removes a sticker from one of the bot's sets; the rest close up.
enum DeleteStickerFromSet: APIMethod {
    static let name = "deleteStickerFromSet"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let fileID = call.parameters["sticker"]
        let bot = call.account
        try await call.engine.write { tx in
            let (sticker, set) = try StickerSets.managedSticker(fileID, by: bot, in: tx.store)
            try tx.store.deleteSticker(id: sticker.id)
            if var updated = try tx.store.stickerSet(id: set.id), updated.thumbnailStickerID == sticker.id {
                updated.thumbnailStickerID = nil
                try tx.store.update(updated)
            }
            try StickerSets.renumber(try tx.store.stickers(setID: set.id), in: tx.store)
        }
        return .true
    }
}
