import Foundation

/// A sticker set: a bot's (created with `createNewStickerSet` for its `user_id` owner) or the
/// world's own (the forum topic icons, ``worldOwnerID``). Names are unique world-wide,
/// compared case-insensitively.
public struct StickerSetRecord: Sendable, Equatable, Codable {
    /// The owner of the sets the world seeds itself.
    public static let worldOwnerID: Int64 = 0

    public var id: Int64
    public var name: String
    public var title: String
    /// The Bot API's `sticker_type`: "regular", "mask" or "custom_emoji".
    public var stickerType: String
    public var needsRepainting: Bool
    /// The user the set belongs to (``worldOwnerID`` for the world's sets).
    public var ownerUserID: Int64
    /// The bot that created the set and manages it (``worldOwnerID`` for the world's sets).
    public var botID: Int64
    /// The uploaded thumbnail's file row and its format ("static", "animated", "video").
    public var thumbnailFileID: Int64?
    public var thumbnailFormat: String?
    /// Custom emoji sets: the sticker (by ``StickerRecord/id``) shown as the thumbnail.
    public var thumbnailStickerID: Int64?
    public var createdAt: Int64

    public init(
        id: Int64 = 0, name: String, title: String, stickerType: String, needsRepainting: Bool = false, ownerUserID: Int64,
        botID: Int64, thumbnailFileID: Int64? = nil, thumbnailFormat: String? = nil, thumbnailStickerID: Int64? = nil,
        createdAt: Int64
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.stickerType = stickerType
        self.needsRepainting = needsRepainting
        self.ownerUserID = ownerUserID
        self.botID = botID
        self.thumbnailFileID = thumbnailFileID
        self.thumbnailFormat = thumbnailFormat
        self.thumbnailStickerID = thumbnailStickerID
        self.createdAt = createdAt
    }
}

/// One sticker of a set, in its place.
public struct StickerRecord: Sendable, Equatable, Codable {
    /// Unique world-wide; custom emoji ids are made from it.
    public var id: Int64
    public var setID: Int64
    /// 0-based place in the set.
    public var position: Int
    /// The file row of the sticker's bytes.
    public var fileID: Int64
    /// "static", "animated" or "video".
    public var format: String
    public var width: Int
    public var height: Int
    /// Engine-defined JSON: emoji list, keywords, mask position.
    public var details: Data

    public init(
        id: Int64 = 0, setID: Int64, position: Int, fileID: Int64, format: String, width: Int, height: Int,
        details: Data = Data("{}".utf8)
    ) {
        self.id = id
        self.setID = setID
        self.position = position
        self.fileID = fileID
        self.format = format
        self.width = width
        self.height = height
        self.details = details
    }
}

/// One of a user's or bot's profile photos: the sizes as stored when it was set.
public struct ProfilePhotoRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var accountID: Int64
    /// Engine-defined JSON: the photo's `PhotoSize` ladder.
    public var sizes: Data
    public var createdAt: Int64

    public init(id: Int64 = 0, accountID: Int64, sizes: Data, createdAt: Int64) {
        self.id = id
        self.accountID = accountID
        self.sizes = sizes
        self.createdAt = createdAt
    }
}

/// One of the audio files a user keeps on their profile.
public struct ProfileAudioRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var accountID: Int64
    /// The file row of the audio's bytes.
    public var fileID: Int64
    /// Engine-defined JSON: the `Audio` as shown.
    public var audio: Data
    public var createdAt: Int64

    public init(id: Int64 = 0, accountID: Int64, fileID: Int64, audio: Data, createdAt: Int64) {
        self.id = id
        self.accountID = accountID
        self.fileID = fileID
        self.audio = audio
        self.createdAt = createdAt
    }
}

/// A user's emoji status and which bots may change it.
public struct EmojiStatusRecord: Sendable, Equatable, Codable {
    public var accountID: Int64
    public var customEmojiID: String?
    public var expirationDate: Int64?

    public init(accountID: Int64, customEmojiID: String? = nil, expirationDate: Int64? = nil) {
        self.accountID = accountID
        self.customEmojiID = customEmojiID
        self.expirationDate = expirationDate
    }
}
