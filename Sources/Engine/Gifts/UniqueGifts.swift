import BotAPI
import Foundation
import Storage

/// Unique (collectible) gifts: what a regular gift becomes when upgraded. Each gets the next
/// number of its kind and a model, a symbol and a backdrop, picked from fixed tables by that
/// number, so the same world always makes the same collectibles.
enum UniqueGifts {
    struct Attribute {
        var name: String
        var rarityPerMille: Int
    }

    /// Models: the gift's own sticker in a named variant.
    static let models: [Attribute] = [
        Attribute(name: "Original", rarityPerMille: 400), Attribute(name: "Midnight", rarityPerMille: 250),
        Attribute(name: "Neon", rarityPerMille: 200), Attribute(name: "Golden", rarityPerMille: 100),
        Attribute(name: "Crystal", rarityPerMille: 50),
    ]

    static let symbols: [Attribute] = [
        Attribute(name: "Star", rarityPerMille: 400), Attribute(name: "Heart", rarityPerMille: 300),
        Attribute(name: "Crown", rarityPerMille: 200), Attribute(name: "Comet", rarityPerMille: 100),
    ]

    /// Backdrops with their colours (RGB): centre, edge, symbol, text.
    static let backdrops: [(Attribute, UniqueGiftBackdropColors)] = [
        (Attribute(name: "Black", rarityPerMille: 300),
         UniqueGiftBackdropColors(centerColor: 0x363738, edgeColor: 0x0E0F0F, symbolColor: 0x6C6868, textColor: 0xFFFFFF)),
        (Attribute(name: "Sapphire", rarityPerMille: 250),
         UniqueGiftBackdropColors(centerColor: 0x5C8DF2, edgeColor: 0x2A4FA8, symbolColor: 0x163A8C, textColor: 0xE8F0FF)),
        (Attribute(name: "Emerald", rarityPerMille: 250),
         UniqueGiftBackdropColors(centerColor: 0x78C585, edgeColor: 0x3A8A4A, symbolColor: 0x1F5E2B, textColor: 0xEDFFF0)),
        (Attribute(name: "Amber", rarityPerMille: 200),
         UniqueGiftBackdropColors(centerColor: 0xF2B35C, edgeColor: 0xC27A1F, symbolColor: 0x7A4A0F, textColor: 0xFFF6E8)),
    ]

    /// How many different unique gifts one regular gift can become (`unique_gift_variant_count`).
    static var variantCount: Int { models.count }

    /// The rarity class Telegram's apps name for a model's rarity.
    static func rarity(perMille: Int) -> String? {
        switch perMille {
        case ..<10: "legendary"
        case ..<60: "epic"
        case ..<150: "rare"
        case ..<300: "uncommon"
        default: nil
        }
    }

    /// The unique gift number `number` of `gift` becomes, shown by `sticker`.
    static func make(from gift: GiftRecord, number: Int64, sticker: Sticker) -> UniqueGift {
        let n = Int(number)
        let model = models[(n * 7 + Int(gift.seq)) % models.count]
        let symbol = symbols[(n * 3 + Int(gift.seq)) % symbols.count]
        let (backdrop, colors) = backdrops[(n * 5 + Int(gift.seq)) % backdrops.count]
        return UniqueGift(
            giftId: gift.id, baseName: gift.title, name: slug(gift.title) + "-\(number)", number: n,
            model: UniqueGiftModel(
                name: model.name, sticker: sticker, rarityPerMille: model.rarityPerMille, rarity: rarity(perMille: model.rarityPerMille)),
            symbol: UniqueGiftSymbol(name: symbol.name, sticker: sticker, rarityPerMille: symbol.rarityPerMille),
            backdrop: UniqueGiftBackdrop(name: backdrop.name, colors: colors, rarityPerMille: backdrop.rarityPerMille))
    }

    /// The name part of a unique gift's link (`t.me/nft/<name>`): the title's letters and
    /// digits, as Telegram's "PlushPepe-1".
    static func slug(_ title: String) -> String {
        let kept = title.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII }
        return kept.isEmpty ? "Gift" : String(String.UnicodeScalarView(kept))
    }
}
