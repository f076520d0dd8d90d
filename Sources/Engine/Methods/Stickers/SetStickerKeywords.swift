import BotAPI
import Foundation
import Storage

/// `setStickerKeywords`: the search keywords (0-20, 64 characters in all) of a regular or
/// custom emoji sticker in one of the bot's sets; absent or empty clears them.
enum SetStickerKeywords: APIMethod {
    static let name = "setStickerKeywords"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let fileID = call.parameters["sticker"]
        guard !(fileID ?? "").trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.badRequest("sticker is not specified") }
        var list: [String] = []
        if let raw = call.parameters["keywords"], !raw.isEmpty {
            guard let value = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
                throw APIError.badRequest("can't parse keywords JSON object")
            }
            guard let array = value as? [Any] else { throw APIError.badRequest("expected an Array of String as keywords") }
            guard let strings = array as? [String] else { throw APIError.badRequest("keyword must be a string") }
            list = strings
        }
        let keywords = try StickerSets.keywords(list)
        let bot = call.account
        try await call.engine.write { tx in
            let (found, set) = try StickerSets.managedSticker(fileID, by: bot, in: tx.store)
            var sticker = found
            // Masks have no keywords on Telegram.
            guard set.stickerType != StickerType.mask.rawValue else { throw APIError.badRequest("STICKER_INVALID") }
            var details = StickerDetails.decode(sticker.details)
            details.keywords = keywords
            sticker.details = details.data
            try tx.store.update(sticker)
        }
        return .true
    }
}
