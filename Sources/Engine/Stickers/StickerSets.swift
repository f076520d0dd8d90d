import BotAPI
import Foundation
import Storage

/// What a set sticker keeps besides its file: its emoji, search keywords and, in mask sets,
/// where the mask goes.
struct StickerDetails: Codable, Equatable {
    var emoji: [String]
    var keywords: [String]?
    var mask: StoredMaskPosition?

    static func decode(_ data: Data) -> StickerDetails {
        (try? JSONDecoder().decode(StickerDetails.self, from: data)) ?? StickerDetails(emoji: [])
    }

    var data: Data { (try? JSONEncoder().encode(self)) ?? Data("{}".utf8) }
}

/// A `MaskPosition` as stored.
struct StoredMaskPosition: Codable, Equatable {
    var point: String
    var xShift: Double
    var yShift: Double
    var scale: Double

    init(_ position: MaskPosition) {
        point = position.point
        xShift = position.xShift
        yShift = position.yShift
        scale = position.scale
    }

    var view: MaskPosition { MaskPosition(point: point, xShift: xShift, yShift: yShift, scale: scale) }
}

/// A sticker ready to go into a set: its checked file and what the `InputSticker` said.
struct PreparedSticker: Sendable {
    var file: IncomingFile
    var format: StickerFormat
    var width: Int
    var height: Int
    var details: StickerDetails
}

/// Sticker sets as Telegram keeps them: names, ownership, the `InputSticker` rules, the
/// stickers' views and custom emoji ids.
enum StickerSets {
    /// Custom emoji ids are this plus the sticker's row id: large, like Telegram's, and never
    /// mistaken for an account or message id.
    static let customEmojiBase: Int64 = 5_000_000_000_000_000_000

    static func customEmojiID(of sticker: StickerRecord) -> String { String(customEmojiBase + sticker.id) }

    /// The sticker a custom emoji id names, if it is one of ours.
    static func stickerID(customEmojiID text: String) -> Int64? {
        guard let value = Int64(text), value > customEmojiBase else { return nil }
        return value - customEmojiBase
    }

    static let setInvalid = APIError.badRequest("STICKERSET_INVALID")

    // MARK: Names and titles

    /// A new set's name: letters, digits and underscores, starting with a letter, without
    /// consecutive underscores, ending in `_by_<bot username>` (any case), 1-64 characters.
    static func checkedName(_ raw: String?, bot: AccountRecord) throws -> String {
        let name = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw APIError.badRequest("sticker set name can't be empty") }
        let invalid = APIError.badRequest("invalid sticker set name is specified")
        guard name.utf8.count <= 64, let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
              name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }),
              !name.contains("__"), let username = bot.username, name.lowercased().hasSuffix("_by_" + username.lowercased())
        else { throw invalid }
        return name
    }

    /// A title: trimmed and cut to 64 characters, as TDLib does; empty is refused.
    static func checkedTitle(_ raw: String?) throws -> String {
        let title = String((raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(64))
        guard !title.isEmpty else { throw APIError.badRequest("sticker set title can't be empty") }
        return title
    }

    // MARK: Owners and lookups

    /// The `user_id` of a sticker method as the official server reads it, before anything else.
    static func ownerID(_ raw: String?) throws -> Int64 {
        let id = raw.map(LenientParse.integer) ?? 0
        guard id > 0 else { throw APIError.badRequest("invalid user_id specified") }
        return Int64(id)
    }

    /// The owner of a set: a person the bot can see.
    static func owner(_ id: Int64, bot: AccountRecord, in tx: any StoreReader) throws -> AccountRecord {
        guard let user = try Visibility.account(id: id, viewer: bot, in: tx), !user.isDeleted else {
            throw APIError.badRequest("user not found")
        }
        guard !user.isBot else { throw APIError.badRequest("USER_IS_BOT") }
        return user
    }

    /// A set the calling bot manages, by name; with `owner`, the set must also be that user's.
    static func managed(_ name: String?, by bot: AccountRecord, owner: AccountRecord? = nil, in tx: any StoreReader) throws -> StickerSetRecord {
        guard let name, !name.isEmpty, let set = try tx.stickerSet(name: name), set.botID == bot.id else { throw setInvalid }
        if let owner, set.ownerUserID != owner.id { throw setInvalid }
        return set
    }

    /// A set sticker named by its `file_id`, in a set the calling bot manages.
    static func managedSticker(_ fileID: String?, by bot: AccountRecord, in tx: any StoreReader) throws -> (StickerRecord, StickerSetRecord) {
        let text = (fileID ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw APIError.badRequest("sticker is not specified") }
        let decoded = try decodeFileID(text)
        guard let file = try tx.file(id: decoded.rowID), file.accessKey == decoded.accessKey else { throw setInvalid }
        for sticker in try tx.stickers(fileID: file.id) {
            if let set = try tx.stickerSet(id: sticker.setID), set.botID == bot.id { return (sticker, set) }
        }
        throw setInvalid
    }

    /// A `file_id` decoded with the official errors for malformed ones.
    static func decodeFileID(_ text: String) throws -> FileIdentifiers.Decoded {
        do {
            return try FileIdentifiers.decode(text)
        } catch .base64(let reason) {
            throw APIError.badRequest("wrong remote file identifier specified: \(reason)")
        } catch {
            throw APIError.badRequest("wrong remote file identifier specified: can't unserialize it")
        }
    }

    /// Puts `stickers` in their order 0, 1, … and saves those whose place changed.
    static func renumber(_ stickers: [StickerRecord], in store: any StoreWriter) throws {
        for (index, var sticker) in stickers.enumerated() where sticker.position != index {
            sticker.position = index
            try store.update(sticker)
        }
    }

    // MARK: Input stickers

    /// The emoji of a sticker: 1-20 Unicode emoji. `context` prefixes the official error
    /// ("Can't parse InputSticker: …").
    static func emojiList(_ list: [String], context: String) throws -> [String] {
        guard !list.isEmpty else { throw APIError.badRequest("\(context)emoji list must be non-empty") }
        guard list.count <= 20 else { throw APIError.badRequest("\(context)too many emoji specified") }
        for emoji in list where !isEmoji(emoji) { throw APIError.badRequest("\(context)expected a Unicode emoji") }
        return list
    }

    /// One emoji: a single character that is drawn as an emoji.
    static func isEmoji(_ text: String) -> Bool {
        guard text.count == 1, let first = text.unicodeScalars.first else { return false }
        let scalars = text.unicodeScalars
        if scalars.contains(where: { $0.properties.isEmojiPresentation }) { return true }
        // Text-default emoji (☺, ❤, digits with a keycap) need the emoji variation selector
        // or a keycap; a plain letter or digit is not an emoji.
        return first.properties.isEmoji && (scalars.contains("\u{FE0F}") || scalars.contains("\u{20E3}") || !first.isASCII)
    }

    /// Search keywords: at most 20, 64 characters in all.
    static func keywords(_ list: [String]?) throws -> [String]? {
        guard let list else { return nil }
        let cleaned = list.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard cleaned.count <= 20, cleaned.reduce(0, { $0 + $1.count }) <= 64 else { throw APIError.badRequest("STICKER_KEYWORDS_INVALID") }
        return cleaned.isEmpty ? nil : cleaned
    }

    /// A mask position, as the official server checks it.
    static func maskPosition(_ position: MaskPosition?, context: String) throws -> StoredMaskPosition? {
        guard var position else { return nil }
        position.point = position.point.trimmingCharacters(in: .whitespaces).lowercased()
        guard ["forehead", "eyes", "mouth", "chin"].contains(position.point) else {
            throw APIError.badRequest("\(context)Wrong point specified in MaskPosition")
        }
        guard position.xShift.isFinite, position.yShift.isFinite, position.scale.isFinite else {
            throw APIError.badRequest("\(context)can't parse mask position")
        }
        return StoredMaskPosition(position)
    }

    /// The `InputSticker` objects of a JSON array parameter (createNewStickerSet's `stickers`).
    static func parseList(_ raw: String?) throws -> [InputSticker] {
        guard let raw, !raw.isEmpty else { throw APIError.badRequest("there is no sticker file in the request") }
        guard let value = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse stickers JSON object")
        }
        guard let array = value as? [Any] else { throw APIError.badRequest("expected an Array of InputSticker") }
        guard array.count <= 50 else { throw APIError.badRequest("too many stickers specified") }
        return try array.map { element in
            guard element is [String: Any], let data = try? JSONSerialization.data(withJSONObject: element) else {
                throw APIError.badRequest("can't parse InputSticker: InputSticker must be an Object")
            }
            return try decodeOne(data, context: "can't parse InputSticker: ")
        }
    }

    /// The single `InputSticker` of addStickerToSet and replaceStickerInSet.
    static func parseOne(_ raw: String?) throws -> InputSticker {
        guard let raw, !raw.isEmpty else { throw APIError.badRequest("there is no sticker file in the request") }
        guard let value = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse sticker JSON object")
        }
        guard value is [String: Any], let data = try? JSONSerialization.data(withJSONObject: value) else {
            throw APIError.badRequest("can't parse sticker: InputSticker must be an Object")
        }
        return try decodeOne(data, context: "can't parse sticker: ")
    }

    private static func decodeOne(_ data: Data, context: String) throws -> InputSticker {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw APIError.badRequest("\(context)InputSticker must be an Object")
        }
        guard object["sticker"] is String else { throw APIError.badRequest("\(context)sticker not found") }
        guard object["format"] is String else { throw APIError.badRequest("\(context)field \"format\" must be of type String") }
        guard object["emoji_list"] is [Any] else { throw APIError.badRequest("\(context)field \"emoji_list\" must be of type Array") }
        let input: InputSticker
        do {
            input = try JSONDecoder().decode(InputSticker.self, from: data)
        } catch {
            throw APIError.badRequest("\(context)can't parse InputSticker JSON object")
        }
        // Checked while parsing, before the owner and the set, as the official server does.
        _ = try StickerFormat.parse(input.format, context: context)
        _ = try emojiList(input.emojiList, context: context)
        return input
    }

    /// Checks an `InputSticker` for a set of `type` and resolves its file: an upload
    /// (`attach://`), a `file_id` the bot holds, or a URL (static stickers only).
    static func prepare(_ input: InputSticker, type: StickerType, context: String, in call: MethodCall) async throws -> PreparedSticker {
        let format = try StickerFormat.parse(input.format, context: context)
        let emoji = try emojiList(input.emojiList, context: context)
        let mask = try type == .mask ? maskPosition(input.maskPosition, context: context) : nil
        let searchKeywords = try keywords(input.keywords)
        let text = input.sticker.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw APIError.badRequest("\(context)sticker not found") }
        let value = InputFileOrString(text)
        if case .reference(let reference) = value, format != .static, reference.contains("://") {
            throw APIError.badRequest("\(format == .animated ? "animated" : "video") sticker must be uploaded as an InputFile")
        }
        let file = try await FileInputs.resolve(value, as: .sticker, in: call, missing: APIError.badRequest("\(context)sticker not found"))
        let checked = try StickerFiles.check(try bytes(of: file, engine: call.engine), format: format, type: type)
        return PreparedSticker(
            file: file, format: format, width: checked.width, height: checked.height,
            details: StickerDetails(emoji: emoji, keywords: searchKeywords, mask: mask))
    }

    /// The bytes of a resolved file: the upload's, or the stored blob's.
    static func bytes(of file: IncomingFile, engine: Engine) throws -> [UInt8] {
        if let bytes = file.bytes { return Array(bytes) }
        guard case .existing(let record) = file.source, let data = try engine.blobStore.read(sha256: record.sha256)
        else { throw APIError.badRequest("wrong file identifier/HTTP URL specified") }
        return Array(data)
    }

    /// Adds a prepared sticker to `set` at `position`, granting its file to the bot and the
    /// owner.
    @discardableResult
    static func add(_ prepared: PreparedSticker, to set: StickerSetRecord, position: Int, tx: Transaction) throws -> StickerRecord {
        let file = try prepared.file.record(in: tx)
        for account in [set.botID, set.ownerUserID] where account != StickerSetRecord.worldOwnerID {
            try tx.store.grantFile(fileID: file.id, to: account)
        }
        return try tx.store.insert(StickerRecord(
            setID: set.id, position: position, fileID: file.id, format: prepared.format.rawValue, width: prepared.width,
            height: prepared.height, details: prepared.details.data))
    }

    // MARK: Views

    /// A set sticker as the Bot API shows it.
    static func view(_ sticker: StickerRecord, in set: StickerSetRecord, file: FileRecord) -> Sticker {
        let details = StickerDetails.decode(sticker.details)
        let format = StickerFormat(rawValue: sticker.format) ?? .static
        let type = StickerType(rawValue: set.stickerType) ?? .regular
        var view = Sticker(
            fileId: FileIdentifiers.fileID(for: file, as: .sticker), fileUniqueId: FileIdentifiers.uniqueID(for: file),
            type: type.rawValue, width: sticker.width, height: sticker.height, isAnimated: format.isAnimated, isVideo: format.isVideo,
            thumbnail: format == .static ? MediaSending.photoSize(file, as: .thumbnail) : nil, emoji: details.emoji.first,
            setName: set.name, fileSize: Int(file.size))
        switch type {
        case .mask: view.maskPosition = details.mask?.view
        case .customEmoji:
            view.customEmojiId = customEmojiID(of: sticker)
            if set.needsRepainting { view.needsRepainting = true }
        case .regular: break
        }
        return view
    }

    /// Every sticker of `set`, in order, with the file rows they use.
    static func stickers(of set: StickerSetRecord, in tx: any StoreReader) throws -> [(StickerRecord, FileRecord)] {
        try tx.stickers(setID: set.id).compactMap { sticker in try tx.file(id: sticker.fileID).map { (sticker, $0) } }
    }

    /// A whole set as getStickerSet answers it, and the file rows its `file_id`s name.
    static func view(_ set: StickerSetRecord, in tx: any StoreReader) throws -> (StickerSetView, Set<Int64>) {
        let entries = try stickers(of: set, in: tx)
        var files = Set(entries.map { $0.1.id })
        var thumbnail: PhotoSize?
        if let row = set.thumbnailFileID, let file = try tx.file(id: row) {
            // Thumbnails are 100×100: images say so themselves, TGS and WEBM ones are drawn so.
            thumbnail = PhotoSize(
                fileId: FileIdentifiers.fileID(for: file, as: .thumbnail), fileUniqueId: FileIdentifiers.uniqueID(for: file),
                width: file.width ?? 100, height: file.height ?? 100, fileSize: Int(file.size))
            files.insert(file.id)
        } else if let stickerID = set.thumbnailStickerID, let entry = entries.first(where: { $0.0.id == stickerID }) {
            let (sticker, file) = entry
            thumbnail = PhotoSize(
                fileId: FileIdentifiers.fileID(for: file, as: .thumbnail), fileUniqueId: FileIdentifiers.uniqueID(for: file),
                width: sticker.width, height: sticker.height, fileSize: Int(file.size))
        }
        let result = StickerSet(
            name: set.name, title: set.title, stickerType: set.stickerType,
            stickers: entries.map { entry in view(entry.0, in: set, file: entry.1) }, thumbnail: thumbnail)
        return (StickerSetView(set: result), files)
    }

    /// Lets `account` use the files a view showed it, as Telegram lets a bot send any
    /// sticker it has seen.
    static func grant(_ files: Set<Int64>, to account: AccountRecord, in store: any StoreWriter) throws {
        for file in files { try store.grantFile(fileID: file, to: account.id) }
    }
}

/// A `StickerSet` with the legacy `contains_masks` the official server still sends, in its
/// order.
struct StickerSetView: Sendable, JSONWritable {
    var set: StickerSet

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("name", set.name)
        writer.member("title", set.title)
        writer.optionalMember("thumbnail", set.thumbnail)
        writer.member("sticker_type", set.stickerType)
        writer.member("contains_masks", set.stickerType == StickerType.mask.rawValue)
        writer.member("stickers", set.stickers)
        writer.endObject()
    }
}
