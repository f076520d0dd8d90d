import BotAPI
import Storage

/// `setCustomEmojiStickerSetThumbnail`: which custom emoji of one of the bot's custom emoji
/// sets is its thumbnail; absent or empty goes back to the first one.
enum SetCustomEmojiStickerSetThumbnail: APIMethod {
    static let name = "setCustomEmojiStickerSetThumbnail"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let name = call.parameters["name"]
        let emojiID = (call.parameters["custom_emoji_id"] ?? "").trimmingCharacters(in: .whitespaces)
        let bot = call.account
        try await call.engine.write { tx in
            var set = try StickerSets.managed(name, by: bot, in: tx.store)
            guard set.stickerType == StickerType.customEmoji.rawValue else { throw StickerSets.setInvalid }
            if emojiID.isEmpty || emojiID == "0" {
                set.thumbnailStickerID = nil
            } else {
                guard let row = StickerSets.stickerID(customEmojiID: emojiID), let sticker = try tx.store.sticker(id: row),
                      sticker.setID == set.id
                else { throw APIError.badRequest("CUSTOM_EMOJI_INVALID") }
                set.thumbnailStickerID = sticker.id
            }
            try tx.store.update(set)
        }
        return .true
    }
}
