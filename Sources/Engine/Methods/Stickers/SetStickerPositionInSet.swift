import BotAPI
import Storage

/// `setStickerPositionInSet`: moves a sticker of one of the bot's sets to a 0-based place.
enum SetStickerPositionInSet: APIMethod {
    static let name = "setStickerPositionInSet"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let fileID = call.parameters["sticker"]
        guard !(fileID ?? "").trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.badRequest("sticker is not specified") }
        let position = call.parameters["position"].map(LenientParse.integer) ?? -1
        let bot = call.account
        try await call.engine.write { tx in
            let (sticker, set) = try StickerSets.managedSticker(fileID, by: bot, in: tx.store)
            var stickers = try tx.store.stickers(setID: set.id)
            guard position >= 0, position < stickers.count, let from = stickers.firstIndex(where: { $0.id == sticker.id }) else {
                throw APIError.badRequest("wrong sticker position specified")
            }
            stickers.insert(stickers.remove(at: from), at: position)
            try StickerSets.renumber(stickers, in: tx.store)
        }
        return .true
    }
}
