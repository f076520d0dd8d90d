import Foundation

/// A gift of the world's catalogue (`getAvailableGifts`): seeded when the world first needs
/// it, extended by the admin's `createGift`.
public struct GiftRecord: Sendable, Equatable, Codable {
    /// The catalogue order; assigned on insert.
    public var seq: Int64
    /// The Bot API `id`: decimal digits, as Telegram's gift ids are.
    public var id: String
    /// The human-readable name unique gifts upgraded from it carry as `base_name`.
    public var title: String
    /// The sticker row (of the world's gift sticker set) that shows the gift.
    public var stickerID: Int64
    public var starCount: Int64
    /// The price of an upgrade to a unique gift; nil when it can't be upgraded.
    public var upgradeStarCount: Int64?
    /// For limited gifts: how many were ever for sale, and how many are left.
    public var totalCount: Int64?
    public var remainingCount: Int64?
    /// How many unique gifts were made of it so far (their numbers go on from here).
    public var uniqueCount: Int64
    public var createdAt: Int64

    public init(
        seq: Int64 = 0, id: String, title: String, stickerID: Int64, starCount: Int64, upgradeStarCount: Int64?,
        totalCount: Int64?, remainingCount: Int64?, uniqueCount: Int64 = 0, createdAt: Int64
    ) {
        self.seq = seq
        self.id = id
        self.title = title
        self.stickerID = stickerID
        self.starCount = starCount
        self.upgradeStarCount = upgradeStarCount
        self.totalCount = totalCount
        self.remainingCount = remainingCount
        self.uniqueCount = uniqueCount
        self.createdAt = createdAt
    }
}

/// A gift someone owns: a user (`owner_id` > 0) or a chat (its Bot API id, < 0).
public struct OwnedGiftRecord: Sendable, Equatable, Codable {
    public var ownerID: Int64
    /// The owner's own numbering, from 1; the `owned_gift_id` is made of it.
    public var number: Int64
    /// The catalogue gift it is (or was upgraded from).
    public var giftID: String
    /// Who sent it, if anyone.
    public var senderID: Int64?
    public var sendDate: Int64
    public var text: String
    /// JSON array of MessageEntity, `[]` when none.
    public var entities: Data
    public var isPrivate: Bool
    /// Whether the owner shows it on their profile.
    public var isSaved: Bool
    /// What the sender paid (the gift's price, plus a prepaid upgrade): `sort_by_price`.
    public var starCount: Int64
    /// Stars the sender paid in advance for the upgrade to a unique gift.
    public var prepaidUpgradeStarCount: Int64
    /// Stars the owner gets for converting it; 0 once it can't be converted.
    public var convertStarCount: Int64
    /// The `UniqueGift` JSON once upgraded; nil for a regular gift.
    public var unique: Data?
    /// Stars a transfer of the unique gift costs.
    public var transferStarCount: Int64

    public init(
        ownerID: Int64, number: Int64, giftID: String, senderID: Int64?, sendDate: Int64, text: String, entities: Data,
        isPrivate: Bool, isSaved: Bool, starCount: Int64, prepaidUpgradeStarCount: Int64, convertStarCount: Int64,
        unique: Data? = nil, transferStarCount: Int64 = 0
    ) {
        self.ownerID = ownerID
        self.number = number
        self.giftID = giftID
        self.senderID = senderID
        self.sendDate = sendDate
        self.text = text
        self.entities = entities
        self.isPrivate = isPrivate
        self.isSaved = isSaved
        self.starCount = starCount
        self.prepaidUpgradeStarCount = prepaidUpgradeStarCount
        self.convertStarCount = convertStarCount
        self.unique = unique
        self.transferStarCount = transferStarCount
    }
}
