import BotAPI
import Foundation
import Storage

/// `setStickerEmojiList`: the 1-20 emoji of a sticker in one of the bot's sets.
enum SetStickerEmojiList: APIMethod {
    static let name = "setStickerEmojiList"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let fileID = call.parameters["sticker"]
        guard !(fileID ?? "").trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.badRequest("sticker is not specified") }
        guard let raw = call.parameters["emoji_list"], let value = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse emoji list JSON array")
        }
        let context = "can't parse emoji list: "
        guard let array = value as? [Any] else { throw APIError.badRequest(context + "expected an Array of string") }
        guard let strings = array as? [String] else { throw APIError.badRequest(context + "emoji must be a string") }
        let emoji = try StickerSets.emojiList(strings, context: context)
        let bot = call.account
        try await call.engine.write { tx in
            var sticker = try StickerSets.managedSticker(fileID, by: bot, in: tx.store).0
            var details = StickerDetails.decode(sticker.details)
            details.emoji = emoji
            sticker.details = details.data
            try tx.store.update(sticker)
        }
        return .true
    }
}
