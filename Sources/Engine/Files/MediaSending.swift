import BotAPI
import Formatting
import Foundation
import Storage

/// What every media message has besides its file: the caption and its options.
struct MediaCaption: Sendable {
    var text: String?
    var parseMode: String?
    var entities: [MessageEntity]?
    var showAboveMedia = false
    var hasSpoiler = false
}

/// The per-kind numbers a `send…` call may give (clamped as the official server does).
struct MediaDetails: Sendable {
    var duration: Int?
    var width: Int?
    var height: Int?
    var length: Int?
    var performer: String?
    var title: String?
}

/// One media message to send: a file resolved from its parameter, plus its thumbnail,
/// caption and details. sendPhoto and friends send one; sendMediaGroup sends several.
struct MediaItem: Sendable {
    var kind: MediaKind
    var file: IncomingFile
    var thumbnail: IncomingFile?
    var caption: MediaCaption
    var details = MediaDetails()
    /// For a live photo (``LivePhotos``): its still image; `file` is then its video.
    var livePhotoStill: IncomingFile?
}

/// What the `send…` calls around a media item share.
struct MediaEnvelope: Sendable {
    var chatID: ChatID
    var protectContent: Bool?
    var replyParameters: ReplyParameters?
    var replyMarkup: ReplyMarkup?
    var legacyReplyToMessageID: Int?
    var messageEffectID: String?
    var messageThreadID: Int?
    /// Only this receiver sees the message (single-file sends; albums can't be ephemeral).
    var ephemeral: EphemeralTarget?
    /// `direct_messages_topic_id` and `suggested_post_parameters` (channel direct messages).
    var directMessagesTopicID: Int? = nil
    var suggestedPost: SuggestedPostParameters? = nil
}

/// The parameters every single-file `send…` method has; the generated parameter structs
/// conform as they are.
protocol MediaSendParameters: Decodable {
    var chatId: ChatID { get }
    var caption: String? { get }
    var parseMode: String? { get }
    var captionEntities: [MessageEntity]? { get }
    var showCaptionAboveMedia: Bool? { get }
    var hasSpoiler: Bool? { get }
    var protectContent: Bool? { get }
    var replyParameters: ReplyParameters? { get }
    var replyMarkup: ReplyMarkup? { get }
    var messageEffectId: String? { get }
    var ephemeralMessageParameters: EphemeralMessageParameters? { get }
    var directMessagesTopicId: Int? { get }
    var suggestedPostParameters: SuggestedPostParameters? { get }
}

/// Kinds without a caption, or without caption placement and spoilers, have none.
extension MediaSendParameters {
    var caption: String? { nil }
    var parseMode: String? { nil }
    var captionEntities: [MessageEntity]? { nil }
    var showCaptionAboveMedia: Bool? { nil }
    var hasSpoiler: Bool? { nil }
}

extension SendPhotoParameters: MediaSendParameters {}
extension SendDocumentParameters: MediaSendParameters {}
extension SendAudioParameters: MediaSendParameters {}
extension SendVideoParameters: MediaSendParameters {}
extension SendAnimationParameters: MediaSendParameters {}
extension SendVoiceParameters: MediaSendParameters {}
extension SendVideoNoteParameters: MediaSendParameters {}

/// The parameter handling shared by sendPhoto, sendAudio, sendDocument, sendVideo,
/// sendAnimation, sendVoice, sendVideoNote and sendMediaGroup: checking that the file is
/// there, resolving files and thumbnails, captions, and building the message content.
enum MediaSending {
    /// Decodes a single-file `send…` call's parameters, first checking that its file
    /// parameter is present ("there is no photo in the request" comes before any other error).
    static func decode<P: Decodable>(_ call: MethodCall, kind: MediaKind, parameter: String) throws -> P {
        guard call.parameters.contains(parameter) else { throw missingFile(kind) }
        return try call.decode()
    }

    /// Runs a single-file `send…` call: decodes its parameters (the file parameter is named
    /// `parameter`), resolves `file` and `thumbnail` from them, and sends the message.
    static func run<P: MediaSendParameters>(
        _ call: MethodCall, kind: MediaKind, parameter: String, file: (P) -> InputFileOrString,
        thumbnail: (P) -> InputFileOrString? = { _ in nil }, details: (P) -> MediaDetails = { _ in MediaDetails() }
    ) async throws -> MethodResult {
        let p: P = try decode(call, kind: kind, parameter: parameter)
        let caption = MediaCaption(
            text: p.caption, parseMode: p.parseMode, entities: p.captionEntities, showAboveMedia: p.showCaptionAboveMedia ?? false,
            hasSpoiler: p.hasSpoiler ?? false)
        let item = try await self.item(call, kind: kind, file: file(p), thumbnail: thumbnail(p), caption: caption, details: details(p))
        if kind == .photo { try requireImage(item.file) }
        return try await send(item, envelope: MediaEnvelope(
            chatID: p.chatId, protectContent: p.protectContent, replyParameters: p.replyParameters, replyMarkup: p.replyMarkup,
            legacyReplyToMessageID: legacyReply(call), messageEffectID: p.messageEffectId, messageThreadID: call.messageThreadID,
            ephemeral: try EphemeralMessages.target(p.ephemeralMessageParameters, in: call),
            directMessagesTopicID: p.directMessagesTopicId, suggestedPost: p.suggestedPostParameters),
            call: call)
    }

    static func missingFile(_ kind: MediaKind) -> APIError {
        APIError.badRequest("there is no \(kind.parameterDescription) in the request")
    }

    /// Resolves a single-file call's file and thumbnail.
    static func item(
        _ call: MethodCall, kind: MediaKind, file: InputFileOrString, thumbnail: InputFileOrString?, caption: MediaCaption,
        details: MediaDetails = MediaDetails()
    ) async throws -> MediaItem {
        let resolved = try await FileInputs.resolve(file, as: kind, in: call, missing: missingFile(kind))
        return MediaItem(
            kind: kind, file: resolved, thumbnail: try await self.thumbnail(thumbnail, in: call), caption: caption, details: details)
    }

    /// A thumbnail must be uploaded with the request; anything else (a `file_id`, a URL, or
    /// an upload that is not an image) is silently ignored, as the official server does.
    /// Telegram keeps it as a JPEG at most 320 pixels on its longer side.
    static func thumbnail(_ value: InputFileOrString?, in call: MethodCall) async throws -> IncomingFile? {
        // `thumb` is the parameter's legacy name.
        let legacy = call.parameters["thumb"].map(InputFileOrString.init) ?? call.parameters.file(named: "thumb").map { .attachment($0.fieldName) }
        guard case .attachment(let name)? = value ?? legacy, let upload = call.parameters.file(named: name), !upload.data.isEmpty
        else { return nil }
        return try MediaDerivation.thumbnail(from: upload.data, in: call)
    }

    /// The legacy `reply_to_message_id` of a call.
    static func legacyReply(_ call: MethodCall) -> Int? {
        call.parameters["reply_to_message_id"].map(LenientParse.integer)
    }

    /// Sends one media message and answers with it.
    static func send(_ item: MediaItem, envelope: MediaEnvelope, call: MethodCall) async throws -> MethodResult {
        MethodResult(try await send([item], envelope: envelope, mediaGroupID: nil, call: call)[0])
    }

    /// Sends `items` in one transaction, in order, each as its own message; an album shares
    /// `mediaGroupID`. Returns the messages as the sender sees them.
    static func send(_ items: [MediaItem], envelope: MediaEnvelope, mediaGroupID: String?, call: MethodCall) async throws -> [Message] {
        let sender = call.account
        let business = call.businessConnectionID
        return try await call.engine.write { tx in
            // The chat is checked before the content, as the official server does.
            let destination = try Outbox.destination(envelope.chatID, from: sender, business: business, in: tx.store)
            var sent: [Message] = []
            for item in items {
                let caption = try caption(item.caption, sender: sender, in: tx.store)
                let media = try MediaDerivation.store(item.file, in: tx.store, now: tx.now)
                let thumbnail = try item.thumbnail.map { try $0.record(in: tx) }
                let still = try item.livePhotoStill.map { try MediaDerivation.store($0, in: tx.store, now: tx.now) }
                var draft = MessageDraft(
                    replyMarkup: mediaGroupID == nil ? envelope.replyMarkup : nil, replyParameters: envelope.replyParameters,
                    legacyReplyToMessageID: envelope.legacyReplyToMessageID, protectContent: envelope.protectContent ?? false
                ) { message in
                    attach(item, media: media, uploadedThumbnail: thumbnail, to: &message)
                    message.livePhoto = still.flatMap { LivePhotos.livePhoto(motion: &message, still: $0) }
                    message.caption = caption.text
                    message.captionEntities = caption.entities
                    message.mediaGroupId = mediaGroupID
                }
                // An album shows its effect once, on its first message.
                if sent.isEmpty { draft.effectID = envelope.messageEffectID }
                draft.threadID = envelope.messageThreadID
                draft.ephemeral = envelope.ephemeral
                draft.directMessagesTopicID = envelope.directMessagesTopicID
                draft.suggestedPost = envelope.suggestedPost
                sent.append(try Outbox.send(draft, to: destination, from: sender, business: business, in: tx))
            }
            return sent
        }
    }

    /// The caption's final text and entities (1024 characters after parsing), or nils.
    /// Text mentions name accounts the `sender` can see.
    static func caption(
        _ caption: MediaCaption, sender: AccountRecord, in store: any StoreReader
    ) throws -> (text: String?, entities: [MessageEntity]?) {
        guard let raw = caption.text, !raw.isEmpty else { return (nil, nil) }
        let (text, entities) = try MessageText.compose(
            text: raw, parseMode: caption.parseMode, entities: caption.entities, kind: .caption, phoneNumbers: !sender.isBot,
            resolveUser: { id in try Visibility.mentionedUser(id, sender: sender, in: store) })
        return text.isEmpty ? (nil, nil) : (text, entities)
    }

    /// The kinds whose messages show a thumbnail the server made (Telegram shows audio
    /// files' cover art instead, and voice messages have none).
    static let generatedThumbnailKinds: Set<MediaKind> = [.document, .video, .animation, .videoNote]

    /// Puts the file into the message field of its kind. What the caller gave (duration,
    /// size, performer, title, thumbnail) wins over what the server read from the file.
    static func attach(_ item: MediaItem, media: StoredMedia, uploadedThumbnail: FileRecord?, to message: inout Message) {
        let record = media.record
        let fileID = FileIdentifiers.fileID(for: record, as: item.kind)
        let uniqueID = FileIdentifiers.uniqueID(for: record)
        let size = Int(record.size)
        let name = item.file.fileName ?? record.fileName
        let generated = generatedThumbnailKinds.contains(item.kind) ? media.thumbnail : nil
        let thumb = (uploadedThumbnail ?? generated).flatMap { photoSize($0, as: .thumbnail) }
        var d = item.details
        let info = media.info
        d.duration = d.duration ?? info?.duration
        d.width = d.width ?? info?.width ?? record.width
        d.height = d.height ?? info?.height ?? record.height
        d.length = d.length ?? info.flatMap { info in info.width.map { width in min(width, info.height ?? width) } } ?? record.width
        d.performer = d.performer ?? info?.performer
        d.title = d.title ?? info?.title
        let duration = clamp(d.duration, 86400)
        let caption = item.caption
        switch item.kind {
        case .photo, .thumbnail, .sticker:
            // Telegram's sizes, smallest first; files stored before sizes existed show as one.
            let sizes = media.photoSizes.compactMap { photoSize($0, as: .photo) }
            message.photo = sizes.isEmpty ? photoSize(record, as: .photo).map { [$0] } : sizes
        case .document:
            message.document = Document(
                fileId: fileID, fileUniqueId: uniqueID, thumbnail: thumb, fileName: name, mimeType: record.mimeType, fileSize: size)
        case .audio:
            message.audio = Audio(
                fileId: fileID, fileUniqueId: uniqueID, duration: duration, performer: d.performer, title: d.title, fileName: name,
                mimeType: record.mimeType, fileSize: size, thumbnail: thumb)
        case .video:
            message.video = Video(
                fileId: fileID, fileUniqueId: uniqueID, width: clamp(d.width, 10000),
                height: clamp(d.height, 10000), duration: duration, thumbnail: thumb, fileName: name,
                mimeType: record.mimeType, fileSize: size)
        case .animation:
            message.animation = Animation(
                fileId: fileID, fileUniqueId: uniqueID, width: clamp(d.width, 10000),
                height: clamp(d.height, 10000), duration: duration, thumbnail: thumb, fileName: name,
                mimeType: record.mimeType, fileSize: size)
            // Telegram also fills `document` for animations, for clients that predate them.
            message.document = Document(
                fileId: fileID, fileUniqueId: uniqueID, thumbnail: thumb, fileName: name, mimeType: record.mimeType, fileSize: size)
        case .voice:
            message.voice = Voice(fileId: fileID, fileUniqueId: uniqueID, duration: duration, mimeType: record.mimeType, fileSize: size)
        case .videoNote:
            message.videoNote = VideoNote(
                fileId: fileID, fileUniqueId: uniqueID, length: clamp(d.length, 10000), duration: duration,
                thumbnail: thumb, fileSize: size)
        }
        let visual: Set<MediaKind> = [.photo, .video, .animation]
        if visual.contains(item.kind) {
            if caption.showAboveMedia { message.showCaptionAboveMedia = true }
            if caption.hasSpoiler { message.hasMediaSpoiler = true }
        }
    }

    /// A file as a `PhotoSize`, for images; each of a photo's sizes is its own JPEG file
    /// (``MediaDerivation``), so its dimensions match what a download gives.
    static func photoSize(_ record: FileRecord, as kind: MediaKind) -> PhotoSize? {
        guard let width = record.width, let height = record.height else { return nil }
        return PhotoSize(
            fileId: FileIdentifiers.fileID(for: record, as: kind), fileUniqueId: FileIdentifiers.uniqueID(for: record),
            width: width, height: height, fileSize: Int(record.size))
    }

    private static func clamp(_ value: Int?, _ upper: Int) -> Int {
        min(max(value ?? 0, 0), upper)
    }

    /// Photos must be images the server can read, at most 10000 pixels wide and high
    /// together, with sides at most 20 times each other (the documented photo limits; Telegram
    /// answers its raw error codes for both).
    static func requireImage(_ file: IncomingFile) throws {
        guard let (width, height) = file.dimensions else { throw APIError.badRequest("IMAGE_PROCESS_FAILED") }
        guard width + height <= 10000, max(width, height) <= 20 * min(width, height) else {
            throw APIError.badRequest("PHOTO_INVALID_DIMENSIONS")
        }
    }
}
