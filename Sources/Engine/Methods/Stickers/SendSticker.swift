import BotAPI
import Storage

/// `sendSticker` for bots and users: a set sticker by its `file_id` (it keeps its set,
/// emoji and type), any other sticker file by `file_id`, or an upload (WEBP, PNG, TGS or
/// WEBM) with the `emoji` it stands for.
enum SendSticker: APIMethod {
    static let name = "sendSticker"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: SendStickerParameters = try MediaSending.decode(call, kind: .sticker, parameter: "sticker")
        let file = try await FileInputs.resolve(p.sticker, as: .sticker, in: call, missing: MediaSending.missingFile(.sticker))
        // A new file must be a sticker file; a stored one that is not a set sticker too.
        let standalone: (format: StickerFormat, width: Int, height: Int)?
        let isNew: Bool
        if case .new = file.source { isNew = true } else { isNew = false }
        let setSticker: Bool
        if case .existing(let record) = file.source {
            setSticker = try await call.engine.store.read { try !$0.stickers(fileID: record.id).isEmpty }
        } else {
            setSticker = false
        }
        if setSticker {
            standalone = nil
        } else {
            guard let found = StickerFiles.standalone(try StickerSets.bytes(of: file, engine: call.engine)) else {
                throw APIError.badRequest(isNew ? "STICKER_FILE_INVALID" : "type of file mismatch")
            }
            standalone = found
        }
        let emoji = p.emoji.flatMap { StickerSets.isEmoji($0) ? $0 : nil }
        let sender = call.account
        let legacyReply = MediaSending.legacyReply(call)
        let threadID = call.messageThreadID
        let business = call.businessConnectionID
        let ephemeral = try EphemeralMessages.target(p.ephemeralMessageParameters, in: call)
        let message = try await call.engine.write { tx in
            let destination = try Outbox.destination(p.chatId, from: sender, business: business, in: tx.store)
            let record = try file.record(in: tx)
            let sticker: Sticker
            if let standalone {
                sticker = Sticker(
                    fileId: FileIdentifiers.fileID(for: record, as: .sticker), fileUniqueId: FileIdentifiers.uniqueID(for: record),
                    type: StickerType.regular.rawValue, width: standalone.width, height: standalone.height,
                    isAnimated: standalone.format.isAnimated, isVideo: standalone.format.isVideo,
                    thumbnail: standalone.format == .static ? MediaSending.photoSize(record, as: .thumbnail) : nil,
                    emoji: isNew ? emoji : nil, fileSize: Int(record.size))
            } else {
                sticker = try StickerSending.setSticker(file: record, in: tx.store)
            }
            var draft = MessageDraft(
                replyMarkup: p.replyMarkup, replyParameters: p.replyParameters, legacyReplyToMessageID: legacyReply,
                protectContent: p.protectContent ?? false
            ) { $0.sticker = sticker }
            draft.effectID = p.messageEffectId
            draft.threadID = threadID
            draft.ephemeral = ephemeral
            draft.directMessagesTopicID = p.directMessagesTopicId
            draft.suggestedPost = p.suggestedPostParameters
            return try Outbox.send(draft, to: destination, from: sender, business: business, in: tx)
        }
        return MethodResult(message)
    }
}

/// How a set sticker looks when it is sent.
enum StickerSending {
    /// The newest set sticker made of `file`, as its set shows it now.
    static func setSticker(file: FileRecord, in tx: any StoreReader) throws -> Sticker {
        for sticker in try tx.stickers(fileID: file.id) {
            if let set = try tx.stickerSet(id: sticker.setID) { return StickerSets.view(sticker, in: set, file: file) }
        }
        throw APIError.badRequest("type of file mismatch")
    }
}
