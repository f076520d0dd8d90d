import BotAPI
import Foundation
import Storage

/// The world's gift catalogue (`getAvailableGifts`): a few gifts seeded the first time the
/// world needs them, and those the admin adds with `createGift`. Each gift is shown by a
/// sticker of one world-owned sticker set, so its `file_id` works as any sticker's does.
enum Gifts {
    /// The world's sticker set holding the gifts' stickers; no bot's set can be called so
    /// (theirs end in `_by_<bot>`).
    static let setName = "Gifts"

    /// Telegram's code for a gift id the catalogue doesn't have.
    static let unknownGift = APIError.badRequest("STARGIFT_INVALID")
    /// Telegram's code for a limited gift that sold out.
    static let soldOut = APIError.badRequest("STARGIFT_USAGE_LIMITED")

    /// A gift the world starts with: Telegram's classic gifts, with their ids and prices.
    struct Seed {
        var id: String
        var title: String
        var emoji: String
        var starCount: Int64
        var upgradeStarCount: Int64? = nil
        var totalCount: Int64? = nil
        var color: UInt32
    }

    static let seeds: [Seed] = [
        Seed(id: "5170145012310081615", title: "Heart", emoji: "💝", starCount: 15, color: 0xFFE5_3950),
        Seed(id: "5170233102089322756", title: "Teddy Bear", emoji: "🧸", starCount: 15, color: 0xFFB0_7A48),
        Seed(id: "5170250947678437525", title: "Gift Box", emoji: "🎁", starCount: 25, color: 0xFF3F_8CE0),
        Seed(id: "5168103777563050263", title: "Rose", emoji: "🌹", starCount: 25, color: 0xFFC2_1E3A),
        Seed(id: "5170144170496491616", title: "Cake", emoji: "🎂", starCount: 50, color: 0xFFF2_B8C6),
        Seed(id: "5170564780938756245", title: "Rocket", emoji: "🚀", starCount: 50, color: 0xFF5A_6B7D),
        Seed(id: "5170521118301225164", title: "Diamond", emoji: "💎", starCount: 100, color: 0xFF38_C3E8),
        Seed(
            id: "5167939598143193218", title: "Lucky Clover", emoji: "🍀", starCount: 350, upgradeStarCount: 150, totalCount: 10_000,
            color: 0xFF3C_B043),
    ]

    /// The side of a gift's sticker, as regular stickers have.
    static let stickerSide = 512

    // MARK: The catalogue

    /// Seeds the catalogue unless it has gifts. Idempotent and safe to race: the second
    /// writer finds the gifts and stops.
    static func ensure(_ engine: Engine) async throws {
        if try await engine.store.read({ try !$0.gifts().isEmpty }) { return }
        var stickers: [PreparedSticker] = []
        for seed in seeds {
            stickers.append(try generatedSticker(emoji: seed.emoji, color: seed.color, engine: engine))
        }
        let prepared = stickers
        try await engine.write { tx in
            guard try tx.store.gifts().isEmpty else { return }
            for (seed, sticker) in zip(seeds, prepared) {
                let row = try addSticker(sticker, tx: tx)
                _ = try tx.store.insert(GiftRecord(
                    id: seed.id, title: seed.title, stickerID: row.id, starCount: seed.starCount, upgradeStarCount: seed.upgradeStarCount,
                    totalCount: seed.totalCount, remainingCount: seed.totalCount, createdAt: tx.now))
            }
        }
    }

    /// A 512×512 WEBP of one colour, as a static sticker showing `emoji`.
    static func generatedSticker(emoji: String, color: UInt32, engine: Engine) throws -> PreparedSticker {
        let data = Data(SolidWebP.make(width: stickerSide, height: stickerSide, argb: color))
        let (sha256, _) = try engine.storeBlob(data)
        let record = FileRecord(
            sha256: sha256, size: Int64(data.count), accessKey: 0, mimeType: "image/webp", width: stickerSide, height: stickerSide,
            fileName: "gift.webp", createdAt: 0)
        return PreparedSticker(
            file: IncomingFile(source: .new(record), fileName: record.fileName, bytes: data, blobs: engine.blobStore),
            format: .static, width: stickerSide, height: stickerSide, details: StickerDetails(emoji: [emoji]))
    }

    /// Adds a gift's sticker to the world's gift set, creating the set the first time.
    static func addSticker(_ sticker: PreparedSticker, tx: Transaction) throws -> StickerRecord {
        let set = try tx.store.stickerSet(name: setName) ?? tx.store.insert(StickerSetRecord(
            name: setName, title: "Gifts", stickerType: StickerType.regular.rawValue, ownerUserID: StickerSetRecord.worldOwnerID,
            botID: StickerSetRecord.worldOwnerID, createdAt: tx.now))
        let position = try tx.store.stickers(setID: set.id).count
        return try StickerSets.add(sticker, to: set, position: position, tx: tx)
    }

    /// A new gift id: 19 decimal digits, as Telegram's are.
    static func newID() -> String {
        String(Int64.random(in: 5_000_000_000_000_000_000...5_999_999_999_999_999_999))
    }

    // MARK: Views

    /// The `Gift` object of a catalogue gift and the file row of its sticker (which whoever
    /// is shown the gift may then use).
    static func view(_ gift: GiftRecord, in store: any StoreReader) throws -> (gift: Gift, fileID: Int64) {
        guard let sticker = try store.sticker(id: gift.stickerID), let set = try store.stickerSet(id: sticker.setID),
              let file = try store.file(id: sticker.fileID)
        else { throw MissingSticker(giftID: gift.id) }
        let view = Gift(
            id: gift.id, sticker: StickerSets.view(sticker, in: set, file: file), starCount: Int(gift.starCount),
            upgradeStarCount: gift.upgradeStarCount.map(Int.init), totalCount: gift.totalCount.map(Int.init),
            remainingCount: gift.remainingCount.map(Int.init),
            uniqueGiftVariantCount: gift.upgradeStarCount == nil ? nil : UniqueGifts.variantCount)
        return (view, file.id)
    }

    /// The whole catalogue as `getAvailableGifts` answers it, its stickers granted to `viewer`.
    static func catalogue(for viewer: AccountRecord, tx: Transaction) throws -> Gifts.Listing {
        var gifts: [Gift] = []
        for record in try tx.store.gifts() {
            let (gift, fileID) = try view(record, in: tx.store)
            try tx.store.grantFile(fileID: fileID, to: viewer.id)
            gifts.append(gift)
        }
        return Listing(gifts: gifts)
    }

    /// A catalogue gift whose sticker row is gone: the world's gift set is never changed
    /// by anyone, so this is a broken database (500).
    struct MissingSticker: Error {
        var giftID: String
    }

    /// `Gifts` under another name: the enum's name is taken by this namespace.
    typealias Listing = BotAPI.Gifts

    /// The Stars the owner gets for converting a regular gift: Telegram's 85 % of its
    /// price, rounded half up (15 → 13, 25 → 21, 50 → 43, 100 → 85).
    static func convertValue(ofPrice price: Int64) -> Int64 {
        (price * 85 + 50) / 100
    }
}

extension Gifts {
    /// The entity types a gift's text keeps (the Bot API's list for `text_entities`).
    static let textEntityTypes: Set<String> = ["bold", "italic", "underline", "strikethrough", "spoiler", "custom_emoji", "date_time"]
    static let maxTextLength = 128

    /// The text of `sendGift` / `giftPremiumSubscription` as the official server reads it:
    /// parsed with `text_parse_mode` or given `text_entities`, only the entity types a gift
    /// keeps, at most 128 characters (Telegram's "STARGIFT_MESSAGE_TOO_LONG" beyond; the
    /// code is the server's guess).
    static func text(
        _ raw: String?, parseMode: String?, entities: [MessageEntity]?, sender: AccountRecord, in store: any StoreReader
    ) throws -> (text: String, entities: [MessageEntity]?) {
        guard let raw, !raw.isEmpty else { return ("", nil) }
        var (text, composed) = try MessageText.compose(
            text: raw, parseMode: parseMode, entities: entities, kind: .caption,
            resolveUser: { id in try Visibility.mentionedUser(id, sender: sender, in: store) })
        if text.count > maxTextLength { throw APIError.badRequest("STARGIFT_MESSAGE_TOO_LONG") }
        composed = composed?.filter { textEntityTypes.contains($0.type) }
        return (text, composed?.isEmpty == true ? nil : composed)
    }
}
