import BotAPI

extension SendLivePhotoParameters: MediaSendParameters {}

/// `sendLivePhoto`: a live photo (a still `photo` and its `live_photo` video) with a caption
/// (``LivePhotos``).
enum SendLivePhoto: APIMethod {
    static let name = "sendLivePhoto"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let missingMotion = APIError.badRequest("there is no live photo in the request")
        guard call.parameters.contains("live_photo") else { throw missingMotion }
        let p: SendLivePhotoParameters = try MediaSending.decode(call, kind: .photo, parameter: "photo")
        let caption = MediaCaption(
            text: p.caption, parseMode: p.parseMode, entities: p.captionEntities, showAboveMedia: p.showCaptionAboveMedia ?? false,
            hasSpoiler: p.hasSpoiler ?? false)
        let item = try await LivePhotos.item(
            motion: p.livePhoto, still: p.photo, caption: caption, call: call, missingMotion: missingMotion,
            missingStill: MediaSending.missingFile(.photo))
        return try await MediaSending.send(item, envelope: MediaEnvelope(
            chatID: p.chatId, protectContent: p.protectContent, replyParameters: p.replyParameters, replyMarkup: p.replyMarkup,
            legacyReplyToMessageID: MediaSending.legacyReply(call), messageEffectID: p.messageEffectId,
            messageThreadID: call.messageThreadID, ephemeral: try EphemeralMessages.target(p.ephemeralMessageParameters, in: call)), call: call)
    }
}
