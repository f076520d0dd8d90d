import BotAPI
import Foundation
import Storage

/// `setStickerMaskPosition`: where a mask of one of the bot's mask sets goes on a face;
/// absent removes it.
enum SetStickerMaskPosition: APIMethod {
    static let name = "setStickerMaskPosition"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let fileID = call.parameters["sticker"]
        guard !(fileID ?? "").trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.badRequest("sticker is not specified") }
        var parsed: StoredMaskPosition?
        if let raw = call.parameters["mask_position"], !raw.isEmpty {
            guard let data = raw.data(using: .utf8), (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
                throw APIError.badRequest("can't parse mask position JSON object")
            }
            guard let decoded = try? JSONDecoder().decode(MaskPosition.self, from: data) else {
                throw APIError.badRequest("can't parse mask position: field \"point\" must be of type String")
            }
            parsed = try StickerSets.maskPosition(decoded, context: "can't parse mask position: ")
        }
        let position = parsed
        let bot = call.account
        try await call.engine.write { tx in
            let (found, set) = try StickerSets.managedSticker(fileID, by: bot, in: tx.store)
            var sticker = found
            guard set.stickerType == StickerType.mask.rawValue else { throw APIError.badRequest("STICKER_INVALID") }
            var details = StickerDetails.decode(sticker.details)
            details.mask = position
            sticker.details = details.data
            try tx.store.update(sticker)
        }
        return .true
    }
}
