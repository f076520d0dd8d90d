import BotAPI
import Storage

/// `deleteStickerSet`: deletes one of the bot's sets; its name is free again. Messages that
/// carry its stickers keep them, as on Telegram.
enum DeleteStickerSet: APIMethod {
    static let name = "deleteStickerSet"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let name = call.parameters["name"]
        let bot = call.account
        try await call.engine.write { tx in
            let set = try StickerSets.managed(name, by: bot, in: tx.store)
            try tx.store.deleteStickerSet(id: set.id)
        }
        return .true
    }
}
