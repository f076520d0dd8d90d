import BotAPI
import Foundation
import Storage

/// `sendPaidMedia` (bots): up to 10 photos and videos that recipients see as previews until
/// they pay `star_count` Stars (`buyPaidMedia`). The bot's answer shows the real media.
enum SendPaidMedia: APIMethod {
    static let name = "sendPaidMedia"
    static let surfaces: Set<Surface> = [.bot]

    /// Telegram's price range for paid media, in Stars.
    static let starRange: ClosedRange<Int64> = 1...25_000

    static func run(_ call: MethodCall) async throws -> MethodResult {
        // The official server clamps star_count to 0…10⁹; Telegram refuses what is outside its range.
        let starCount = Int64(min(max(call.parameters["star_count"].map(LenientParse.integer) ?? 0, 0), 1_000_000_000))
        let inputs = try parseMedia(call)
        let p: SendPaidMediaParameters = try call.decode()
        if p.businessConnectionId != nil { throw APIError.badRequest("business connection not found") }
        let payload = p.payload ?? ""
        if payload.utf8.count > 128 { throw APIError.badRequest("PAYLOAD_TOO_LONG") }
        guard starRange.contains(starCount) else { throw APIError.badRequest("STARS_AMOUNT_INVALID") }
        let caption = MediaCaption(
            text: p.caption, parseMode: p.parseMode, entities: p.captionEntities, showAboveMedia: p.showCaptionAboveMedia ?? false)
        var resolved: [MediaItem] = []
        for input in inputs { resolved.append(try await item(input, caption: caption, call: call)) }
        let items = resolved
        let bot = call.account
        let legacyReply = call.parameters["reply_to_message_id"].map(LenientParse.integer)
        let message = try await call.engine.write { tx in
            let destination = try Outbox.destination(p.chatId, from: bot, in: tx.store)
            var full: [PaidMedia] = []
            var previews: [PaidMedia] = []
            var fileIDs: [Int64] = []
            for item in items {
                let media = try MediaDerivation.store(item.file, in: tx.store, now: tx.now)
                let thumbnail = try item.thumbnail.map { try $0.record(in: tx) }
                let (shown, preview, files) = PaidMediaSales.media(of: item, media: media, uploadedThumbnail: thumbnail)
                full.append(shown)
                previews.append(preview)
                fileIDs.append(contentsOf: files.sorted())
            }
            let text = try MediaSending.caption(caption, sender: bot, in: tx.store)
            var draft = MessageDraft(
                replyMarkup: p.replyMarkup, replyParameters: p.replyParameters, legacyReplyToMessageID: legacyReply,
                protectContent: p.protectContent ?? false
            ) { message in
                message.paidMedia = PaidMediaInfo(starCount: Int(starCount), paidMedia: previews)
                message.caption = text.text
                message.captionEntities = text.entities
                if caption.showAboveMedia { message.showCaptionAboveMedia = true }
            }
            draft.threadID = call.messageThreadID
            let sent = try Outbox.send(draft, to: destination, from: bot, in: tx)
            // The message others get carries only previews: the bot holds its files itself.
            for file in fileIDs { try tx.store.grantFile(fileID: file, to: bot.id) }
            let content = PaidMediaSales.Content(media: Data(full.jsonBytes), fileIDs: fileIDs)
            try tx.store.save(PaidMediaRecord(
                chatID: try Invoices.internalChatID(of: destination, sender: bot, in: tx.store), messageID: Int64(sent.messageId),
                botID: bot.id, starCount: starCount, payload: payload, media: content.encoded))
            return PaidMediaSales.unlocked(sent, content: content)
        }
        return MethodResult(message)
    }

    /// `media`: a JSON array of `InputPaidMedia`, with the official errors.
    static func parseMedia(_ call: MethodCall) throws -> [InputPaidMedia] {
        guard let raw = call.parameters["media"] else { throw APIError.badRequest("parameter \"media\" is required") }
        guard let json = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse paid media JSON object")
        }
        guard let elements = json as? [Any] else { throw APIError.badRequest("expected an Array of InputPaidMedia") }
        let media = try elements.map { try parseItem($0, call: call) }
        if media.isEmpty || media.count > 10 { throw APIError.badRequest("MEDIA_INVALID") }
        return media
    }

    private static func parseItem(_ element: Any, call: MethodCall) throws -> InputPaidMedia {
        func invalid(_ detail: String) -> APIError { APIError.badRequest("can't parse InputPaidMedia: \(detail)") }
        guard let object = element as? [String: Any] else { throw invalid("expected an Object") }
        guard let file = object["media"] as? String, !file.isEmpty,
              !file.hasPrefix(InputFile.attachPrefix) || call.parameters.file(named: String(file.dropFirst(InputFile.attachPrefix.count))) != nil
        else { throw invalid("media not found") }
        guard let type = object["type"] as? String else { throw invalid("Can't find field \"type\"") }
        guard type == "photo" || type == "video" else { throw invalid("type \"\(type)\" is unsupported") }
        do {
            return try JSONDecoder().decode(InputPaidMedia.self, from: JSONSerialization.data(withJSONObject: object))
        } catch {
            throw invalid("expected an Object")
        }
    }

    /// Resolves one item's file (and a video's thumbnail).
    private static func item(_ input: InputPaidMedia, caption: MediaCaption, call: MethodCall) async throws -> MediaItem {
        let missing = APIError.badRequest("can't parse InputPaidMedia: media not found")
        switch input {
        case .photo(let photo):
            let file = try await FileInputs.resolve(InputFileOrString(photo.media), as: .photo, in: call, missing: missing)
            try MediaSending.requireImage(file)
            return MediaItem(kind: .photo, file: file, thumbnail: nil, caption: caption)
        case .livePhoto(let live):
            // Not accepted by parseMedia; its still photo stands in for it.
            let file = try await FileInputs.resolve(InputFileOrString(live.photo), as: .photo, in: call, missing: missing)
            try MediaSending.requireImage(file)
            return MediaItem(kind: .photo, file: file, thumbnail: nil, caption: caption)
        case .video(let video):
            let file = try await FileInputs.resolve(InputFileOrString(video.media), as: .video, in: call, missing: missing)
            return MediaItem(
                kind: .video, file: file,
                thumbnail: try await MediaSending.thumbnail(video.thumbnail.map(InputFileOrString.init), in: call), caption: caption,
                details: MediaDetails(duration: video.duration, width: video.width, height: video.height))
        }
    }
}
