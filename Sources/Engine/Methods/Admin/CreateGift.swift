import BotAPI
import Foundation
import Storage

/// `createGift` (admin): adds a gift to the world's catalogue (``Gifts``), after the gifts
/// the world starts with. `sticker` is a static WEBP or PNG sticker (upload or URL, 512 px on
/// its longer side), or absent for a plain one of `color`; `total_count` makes the gift
/// limited, `upgrade_star_count` upgradable to a unique gift. Answers the Gift.
enum CreateGift: APIMethod {
    static let name = "createGift"
    static let surfaces: Set<Surface> = [.admin]

    /// Telegram's dearest gifts cost a few hundred thousand Stars.
    static let maxStarCount = 1_000_000

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let starCount = try count("star_count", in: call, required: true) ?? 0
        let upgradeStarCount = try count("upgrade_star_count", in: call)
        let totalCount = try count("total_count", in: call)
        let title = call.parameters["title"].flatMap { $0.isEmpty ? nil : $0 } ?? "Gift"
        guard title.count <= 64 else { throw APIError.badRequest("title must be at most 64 characters") }
        let emoji = call.parameters["emoji"].flatMap { $0.isEmpty ? nil : $0 } ?? "🎁"
        guard StickerSets.isEmoji(emoji) else { throw APIError.badRequest("emoji must be one emoji") }
        let color = call.parameters["color"].flatMap { UInt32($0, radix: 16) ?? UInt32($0) }.map { 0xFF00_0000 | $0 & 0xFF_FFFF }
        let sticker = try await self.sticker(call, emoji: emoji, color: color ?? 0xFF8E_44AD)
        try await Gifts.ensure(call.engine)
        let gift = try await call.engine.write { tx in
            let row = try Gifts.addSticker(sticker, tx: tx)
            let record = try tx.store.insert(GiftRecord(
                id: Gifts.newID(), title: title, stickerID: row.id, starCount: starCount, upgradeStarCount: upgradeStarCount,
                totalCount: totalCount, remainingCount: totalCount, createdAt: tx.now))
            return try Gifts.view(record, in: tx.store).gift
        }
        return MethodResult(gift)
    }

    /// A positive count parameter, at most ``maxStarCount``.
    private static func count(_ name: String, in call: MethodCall, required: Bool = false) throws -> Int64? {
        guard let raw = call.parameters[name], !raw.isEmpty else {
            if required { throw APIError.badRequest("parameter \"\(name)\" is required") }
            return nil
        }
        guard let value = Int(raw), (1...maxStarCount).contains(value) else {
            throw APIError.badRequest("\(name) must be 1 to \(maxStarCount)")
        }
        return Int64(value)
    }

    /// The gift's sticker: an upload or URL checked as a static sticker, or a generated one.
    private static func sticker(_ call: MethodCall, emoji: String, color: UInt32) async throws -> PreparedSticker {
        let file: IncomingFile
        if let upload = call.parameters.file(named: "sticker") {
            file = try FileInputs.store(upload.data, fileName: upload.filename, declaredType: upload.contentType, in: call)
        } else if let raw = call.parameters["sticker"], !raw.isEmpty {
            // The admin holds no files: only URLs and uploads (`attach://<name>`) name one.
            guard ["http://", "https://", "attach://"].contains(where: raw.hasPrefix) else {
                throw APIError.badRequest("sticker must be an uploaded file or an HTTP URL")
            }
            file = try await FileInputs.resolve(
                InputFileOrString(raw), as: .sticker, in: call, missing: APIError.badRequest("sticker not found"))
        } else {
            return try Gifts.generatedSticker(emoji: emoji, color: color, engine: call.engine)
        }
        let checked = try StickerFiles.check(try StickerSets.bytes(of: file, engine: call.engine), format: .static, type: .regular)
        return PreparedSticker(file: file, format: .static, width: checked.width, height: checked.height, details: StickerDetails(emoji: [emoji]))
    }
}
