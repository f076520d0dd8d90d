import BotAPI
import Foundation
import Storage

/// `getCustomEmojiStickers` (bots and users): the stickers of up to 200 custom emoji ids, in
/// the order asked; unknown ids are left out, as on Telegram.
enum GetCustomEmojiStickers: APIMethod {
    static let name = "getCustomEmojiStickers"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let raw = call.parameters["custom_emoji_ids"] else { throw APIError.badRequest("parameter \"custom_emoji_ids\" is required") }
        guard let value = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse custom emoji identifiers JSON object")
        }
        guard let array = value as? [Any] else { throw APIError.badRequest("expected an Array of custom emoji identifiers") }
        var ids: [Int64] = []
        for element in array {
            guard let text = element as? String else { throw APIError.badRequest("custom emoji identifier must be of type String") }
            guard let id = Int64(text) else { throw APIError.badRequest("invalid custom emoji identifier specified") }
            ids.append(id)
        }
        guard ids.count <= 200 else { throw APIError.badRequest("too many custom emoji identifiers specified") }
        let requested = ids
        let caller = call.account
        try await TopicIcons.ensure(call.engine)
        let stickers = try await call.engine.write { tx in
            var result: [Sticker] = []
            var files = Set<Int64>()
            for id in requested {
                guard let row = StickerSets.stickerID(customEmojiID: String(id)), let sticker = try tx.store.sticker(id: row),
                      let set = try tx.store.stickerSet(id: sticker.setID), set.stickerType == StickerType.customEmoji.rawValue,
                      let file = try tx.store.file(id: sticker.fileID)
                else { continue }
                result.append(StickerSets.view(sticker, in: set, file: file))
                files.insert(file.id)
            }
            try StickerSets.grant(files, to: caller, in: tx.store)
            return result
        }
        return MethodResult(stickers)
    }
}
