import BotAPI
import Foundation
import Storage

/// `editMessageMedia`: replaces the photo, live photo, video, audio, document or animation of a media
/// message the caller sent, with a new file (upload, `file_id` or URL) and caption.
enum EditMessageMedia: APIMethod {
    static let name = "editMessageMedia"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try MessageEditing.requireInlineMarkup(in: call)
        let target = try MessageEditing.target(of: call)
        guard let raw = call.parameters["media"] else { throw APIError.badRequest("parameter \"media\" is required") }
        guard let json = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]), json is [String: Any] else {
            throw APIError.badRequest("can't parse input media JSON object")
        }
        let media = try SendMediaGroup.parseItem(json, call: call, inAlbum: false)
        let p: EditMessageMediaParameters = try call.decode()
        // The file is stored before the edit's transaction, like any upload; an edit that is
        // then refused leaves only an unreferenced, deduplicated blob behind.
        let item = try await SendMediaGroup.item(media, call: call)
        let now = call.engine.clock.now()
        let editor = call.account
        return try await MessageEditing.edit(call, target: target, replyMarkup: p.replyMarkup) { message, store in
            guard MessageEditing.hasCaptionedMedia(message), message.voice == nil else {
                throw APIError.badRequest("message can't be edited")
            }
            // An album item can only become another item an album may hold.
            if message.mediaGroupId != nil && item.kind == .animation { throw APIError.badRequest("message can't be edited") }
            let media = try MediaDerivation.store(item.file, in: store, now: now)
            let thumbnail = try item.thumbnail.map { try $0.record(in: store, now: now) }
            let still = try item.livePhotoStill.map { try MediaDerivation.store($0, in: store, now: now) }
            let (caption, entities) = try MediaSending.caption(item.caption, sender: editor, in: store)
            let kept = message
            message.photo = nil
            message.video = nil
            message.audio = nil
            message.document = nil
            message.animation = nil
            message.livePhoto = nil
            message.showCaptionAboveMedia = nil
            message.hasMediaSpoiler = nil
            MediaSending.attach(item, media: media, uploadedThumbnail: thumbnail, to: &message)
            message.livePhoto = still.flatMap { LivePhotos.livePhoto(motion: &message, still: $0) }
            message.caption = caption
            message.captionEntities = entities
            message.mediaGroupId = kept.mediaGroupId
        }
    }
}
