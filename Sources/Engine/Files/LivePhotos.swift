import BotAPI
import Storage

/// Live photos (`sendLivePhoto`, `live_photo` in albums and `editMessageMedia`): a still
/// image with a short video. The video is stored like any video (its `file_id` is a video's)
/// and the message shows both as one `live_photo` (a guess: Telegram's messages carry no
/// separate `photo` or `video` for it).
enum LivePhotos {
    /// A live photo's files resolved: the video as the item's file, the still beside it.
    static func item(
        motion: InputFileOrString, still: InputFileOrString, caption: MediaCaption, call: MethodCall, missingMotion: APIError,
        missingStill: APIError
    ) async throws -> MediaItem {
        let video = try await FileInputs.resolve(motion, as: .video, in: call, missing: missingMotion)
        let image = try await FileInputs.resolve(still, as: .photo, in: call, missing: missingStill)
        try MediaSending.requireImage(image)
        return MediaItem(kind: .video, file: video, thumbnail: nil, caption: caption, livePhotoStill: image)
    }

    /// Turns the `video` ``MediaSending/attach(_:media:uploadedThumbnail:to:)`` put into
    /// `message` into a live photo with the still's sizes.
    static func livePhoto(motion message: inout Message, still: StoredMedia) -> LivePhoto? {
        guard let video = message.video else { return nil }
        message.video = nil
        let sizes = still.photoSizes.compactMap { MediaSending.photoSize($0, as: .photo) }
        return LivePhoto(
            photo: sizes.isEmpty ? MediaSending.photoSize(still.record, as: .photo).map { [$0] } : sizes,
            fileId: video.fileId, fileUniqueId: video.fileUniqueId, width: video.width, height: video.height,
            duration: video.duration, mimeType: video.mimeType, fileSize: video.fileSize)
    }
}
