import BotAPI
import Foundation

/// `sendMediaGroup` for bots and users: an album of 2–10 photos and videos, documents, or
/// audio files, sent as one message per item sharing a `media_group_id`.
enum SendMediaGroup: APIMethod {
    static let name = "sendMediaGroup"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let media = try parseMedia(call)
        let p: SendMediaGroupParameters = try call.decode()
        var items: [MediaItem] = []
        for input in media { items.append(try await item(input, call: call)) }
        let groupID = String(Int64.random(in: 10_000_000_000_000_000...99_999_999_999_999_999))
        let messages = try await MediaSending.send(items, envelope: MediaEnvelope(
            chatID: p.chatId, protectContent: p.protectContent, replyParameters: p.replyParameters,
            legacyReplyToMessageID: MediaSending.legacyReply(call), messageEffectID: p.messageEffectId,
            messageThreadID: call.messageThreadID), mediaGroupID: groupID, call: call)
        return MethodResult(messages)
    }

    /// Reads `media` with the official server's errors (behaviour.md §2.6), then TDLib's
    /// album checks: count, mixing and caption placement.
    static func parseMedia(_ call: MethodCall) throws -> [InputMedia] {
        guard let raw = call.parameters["media"] else { throw APIError.badRequest("parameter \"media\" is required") }
        guard let json = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse media JSON object")
        }
        guard let elements = json as? [Any] else { throw APIError.badRequest("expected an Array of InputMedia") }
        let media = try elements.map { try parseItem($0, call: call, inAlbum: true) }
        if media.isEmpty { throw APIError.badRequest("there are no messages to send") }
        if media.count > 10 { throw APIError.badRequest("too many messages to send as an album") }
        try checkMixing(media)
        return media
    }

    /// One `InputMedia` object, with the official errors; animations can't be in albums.
    static func parseItem(_ element: Any, call: MethodCall, inAlbum: Bool) throws -> InputMedia {
        guard let object = element as? [String: Any] else { throw invalid("expected an Object") }
        guard let type = object["type"] as? String else { throw invalid("Can't find field \"type\"") }
        switch type {
        case "photo", "video", "audio", "document", "live_photo": break
        case "animation" where !inAlbum: break
        case "animation": throw invalid("type \"animation\" can't be used in sendMediaGroup")
        default: throw invalid("type \"\(type)\" is unsupported")
        }
        guard let file = object["media"] as? String, !file.isEmpty,
              !file.hasPrefix(InputFile.attachPrefix) || call.parameters.file(named: String(file.dropFirst(InputFile.attachPrefix.count))) != nil
        else { throw invalid("media not found") }
        if type == "live_photo" {
            // A live photo's still image comes as `photo` (behaviour.md §2.6: "photo not found").
            guard let still = object["photo"] as? String, !still.isEmpty,
                  !still.hasPrefix(InputFile.attachPrefix) || call.parameters.file(named: String(still.dropFirst(InputFile.attachPrefix.count))) != nil
            else { throw invalid("photo not found") }
        }
        do {
            return try JSONDecoder().decode(InputMedia.self, from: JSONSerialization.data(withJSONObject: object))
        } catch {
            throw invalid(describe(error))
        }
    }

    /// A nested-object decoding failure in the official server's words.
    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "Can't find field \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "Field \"\(context.codingPath.last?.stringValue ?? "value")\" has a wrong type"
        default: return "expected an Object"
        }
    }

    private static func invalid(_ detail: String) -> APIError {
        APIError.badRequest("can't parse InputMedia: \(detail)")
    }

    /// Documents and audio only form albums of their own kind; photos and videos mix.
    /// Captions go above the media for all items or for none.
    private static func checkMixing(_ media: [InputMedia]) throws {
        let kinds = media.map(kind)
        for kind in kinds where kind != kinds[0] {
            for homogenous in [MediaKind.document, .audio] where kind == homogenous || kinds[0] == homogenous {
                throw APIError.badRequest("\(homogenous == .document ? "document" : "audio") can't be mixed with other media types")
            }
        }
        if Set(media.map { caption(of: $0).showAboveMedia }).count > 1 {
            throw APIError.badRequest("parameter show_caption_above_media must be the same for all messages")
        }
    }

    private static func kind(_ media: InputMedia) -> MediaKind {
        switch media {
        case .photo, .livePhoto: .photo
        case .video: .video
        case .audio: .audio
        case .document: .document
        case .animation: .animation
        }
    }

    private static func caption(of media: InputMedia) -> MediaCaption {
        switch media {
        case .photo(let m):
            MediaCaption(text: m.caption, parseMode: m.parseMode, entities: m.captionEntities, showAboveMedia: m.showCaptionAboveMedia ?? false, hasSpoiler: m.hasSpoiler ?? false)
        case .video(let m):
            MediaCaption(text: m.caption, parseMode: m.parseMode, entities: m.captionEntities, showAboveMedia: m.showCaptionAboveMedia ?? false, hasSpoiler: m.hasSpoiler ?? false)
        case .audio(let m):
            MediaCaption(text: m.caption, parseMode: m.parseMode, entities: m.captionEntities)
        case .document(let m):
            MediaCaption(text: m.caption, parseMode: m.parseMode, entities: m.captionEntities)
        case .animation(let m):
            MediaCaption(text: m.caption, parseMode: m.parseMode, entities: m.captionEntities, showAboveMedia: m.showCaptionAboveMedia ?? false, hasSpoiler: m.hasSpoiler ?? false)
        case .livePhoto(let m):
            MediaCaption(text: m.caption, parseMode: m.parseMode, entities: m.captionEntities, showAboveMedia: m.showCaptionAboveMedia ?? false, hasSpoiler: m.hasSpoiler ?? false)
        }
    }

    /// Resolves one album item's file and thumbnail.
    static func item(_ media: InputMedia, call: MethodCall) async throws -> MediaItem {
        if case .livePhoto(let live) = media {
            return try await LivePhotos.item(
                motion: InputFileOrString(live.media), still: InputFileOrString(live.photo), caption: caption(of: media), call: call,
                missingMotion: invalid("media not found"), missingStill: invalid("photo not found"))
        }
        let kind = kind(media)
        var file = ""
        var thumbnail: String?
        var details = MediaDetails()
        switch media {
        case .photo(let m): file = m.media
        case .livePhoto(let m): file = m.media
        case .video(let m):
            (file, thumbnail) = (m.media, m.thumbnail)
            details = MediaDetails(duration: m.duration, width: m.width, height: m.height)
        case .audio(let m):
            (file, thumbnail) = (m.media, m.thumbnail)
            details = MediaDetails(duration: m.duration, performer: m.performer, title: m.title)
        case .document(let m): (file, thumbnail) = (m.media, m.thumbnail)
        case .animation(let m): (file, thumbnail) = (m.media, m.thumbnail)
        }
        let resolved = try await FileInputs.resolve(
            InputFileOrString(file), as: kind, in: call, missing: invalid("media not found"))
        if kind == .photo { try MediaSending.requireImage(resolved) }
        return MediaItem(
            kind: kind, file: resolved, thumbnail: try await MediaSending.thumbnail(thumbnail.map(InputFileOrString.init), in: call),
            caption: caption(of: media), details: details)
    }
}
