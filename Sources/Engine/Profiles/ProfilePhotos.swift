import BotAPI
import Foundation
import Storage

/// Profile photos of users and bots: each is stored as the `PhotoSize` ladder a photo
/// message would carry (``MediaFields`` builds it),
/// newest first. Whoever reads them with getUserProfilePhotos may use their `file_id`s.
enum ProfilePhotos {
    /// Adds `file` (an image) as `account`'s newest profile photo.
    static func add(_ file: IncomingFile, for account: AccountRecord, tx: Transaction) throws {
        let sizes = try MediaFields.of(MediaItem(kind: .photo, file: file, thumbnail: nil, caption: MediaCaption()), tx: tx).photo ?? []
        _ = try tx.store.insert(ProfilePhotoRecord(accountID: account.id, sizes: Data(sizes.jsonBytes), createdAt: tx.now))
        try grant(sizes, to: account.id, in: tx.store)
    }

    /// The stored ladder of a profile photo.
    static func sizes(of record: ProfilePhotoRecord) -> [PhotoSize] {
        (try? JSONDecoder().decode([PhotoSize].self, from: record.sizes)) ?? []
    }

    /// The account's newest profile photo, if any.
    static func current(of accountID: Int64, in tx: any StoreReader) throws -> [PhotoSize]? {
        try tx.profilePhotos(accountID: accountID, offset: 0, limit: 1).first.map(sizes(of:))
    }

    /// The file rows of `sizes`.
    static func files(of sizes: [PhotoSize]) -> Set<Int64> {
        var rows = Set<Int64>()
        var carrier = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
        carrier.photo = sizes
        FileAccess.collectFiles(of: carrier, into: &rows)
        return rows
    }

    /// Lets `accountID` use the files of `sizes`.
    static func grant(_ sizes: [PhotoSize], to accountID: Int64, in store: any StoreWriter) throws {
        for row in files(of: sizes) { try store.grantFile(fileID: row, to: accountID) }
    }

    /// A profile photo as a private chat's `ChatPhoto`: its smallest and largest sizes.
    static func chatPhoto(_ sizes: [PhotoSize]) -> ChatPhoto? {
        guard let small = sizes.first, let big = sizes.last else { return nil }
        return ChatPhoto(
            smallFileId: small.fileId, smallFileUniqueId: small.fileUniqueId, bigFileId: big.fileId, bigFileUniqueId: big.fileUniqueId)
    }

    /// The uploaded image of an `InputProfilePhoto` or the user's `photo`, checked as a photo.
    static func image(_ value: InputFileOrString, in call: MethodCall, missing: APIError) async throws -> IncomingFile {
        let file = try await FileInputs.resolve(value, as: .photo, in: call, missing: missing)
        try MediaSending.requireImage(file)
        return file
    }
}

/// Emoji statuses: a user's custom emoji shown next to their name, set by a bot the user
/// allowed to (Telegram asks the user through a Mini App's `requestEmojiStatusAccess`; here
/// the user's `toggleEmojiStatusPermission`).
enum EmojiStatuses {
    /// The status as shown at `now`: none once it expired.
    static func current(of accountID: Int64, now: Int64, in tx: any StoreReader) throws -> (id: String, expires: Int64?)? {
        guard let record = try tx.emojiStatus(accountID: accountID), let id = record.customEmojiID else { return nil }
        if let expires = record.expirationDate, expires <= now { return nil }
        return (id, record.expirationDate)
    }

    /// Whether `id` names a custom emoji sticker of this world.
    static func isCustomEmoji(_ id: String, in tx: any StoreReader) throws -> Bool {
        guard let row = StickerSets.stickerID(customEmojiID: id), let sticker = try tx.sticker(id: row),
              let set = try tx.stickerSet(id: sticker.setID)
        else { return false }
        return set.stickerType == StickerType.customEmoji.rawValue
    }
}

/// The audio files a user keeps on their profile (Telegram's "saved music"): each stored as
/// the `Audio` an audio message would carry, newest first.
enum ProfileAudios {
    /// Adds `file` as `account`'s newest profile audio, described as sendAudio would.
    static func add(_ file: IncomingFile, details: MediaDetails, for account: AccountRecord, tx: Transaction) throws {
        let record = try file.record(in: tx)
        let item = MediaItem(kind: .audio, file: file, thumbnail: nil, caption: MediaCaption(), details: details)
        guard let audio = try MediaFields.of(item, tx: tx).audio else { return }
        try tx.store.deleteProfileAudios(accountID: account.id, fileID: record.id)
        _ = try tx.store.insert(ProfileAudioRecord(accountID: account.id, fileID: record.id, audio: Data(audio.jsonBytes), createdAt: tx.now))
        try tx.store.grantFile(fileID: record.id, to: account.id)
    }

    /// The stored `Audio` of a profile audio.
    static func audio(of record: ProfileAudioRecord) -> Audio? {
        try? JSONDecoder().decode(Audio.self, from: record.audio)
    }
}

/// The message fields a media item gets when sent (a photo's sizes, an audio's details), for
/// profiles, which keep them without a message. The one place that calls into
/// ``MediaSending``'s attaching, so a change there is followed here.
enum MediaFields {
    static func of(_ item: MediaItem, tx: Transaction) throws -> Message {
        // With its photo sizes and what was read from it (MediaDerivation).
        let media = try MediaDerivation.store(item.file, in: tx.store, now: tx.now)
        var scratch = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
        MediaSending.attach(item, media: media, uploadedThumbnail: nil, to: &scratch)
        return scratch
    }
}
