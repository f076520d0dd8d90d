import BotAPI
import Storage

/// `setStickerSetTitle`: renames one of the bot's sets (1-64 characters).
enum SetStickerSetTitle: APIMethod {
    static let name = "setStickerSetTitle"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let name = call.parameters["name"]
        let title = try StickerSets.checkedTitle(call.parameters["title"])
        let bot = call.account
        try await call.engine.write { tx in
            var set = try StickerSets.managed(name, by: bot, in: tx.store)
            set.title = title
            try tx.store.update(set)
        }
        return .true
    }
}
