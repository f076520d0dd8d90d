import BotAPI
import Foundation
import Storage

/// Paid media (`sendPaidMedia`): the message everyone sees holds only previews
/// (`PaidMediaPreview`); the bot that sent it, and each user who bought it (`buyPaidMedia`),
/// see the real photos and videos and may use their files.
enum PaidMediaSales {
    /// What a paid-media message really holds, kept beside it.
    struct Content: Codable, Sendable {
        /// The full `[PaidMedia]` JSON.
        var media: Data
        /// The file rows, granted to each buyer.
        var fileIDs: [Int64]

        var encoded: Data { (try? JSONEncoder().encode(self)) ?? Data("{}".utf8) }
        static func decode(_ data: Data) throws -> Content { try JSONDecoder().decode(Content.self, from: data) }

        var paidMedia: [PaidMedia] { (try? JSONDecoder().decode([PaidMedia].self, from: media)) ?? [] }
    }

    /// The real media of one item, the preview others see, and the file rows the real
    /// media use (its photo sizes, or the video and its thumbnail).
    static func media(
        of item: MediaItem, media: StoredMedia, uploadedThumbnail: FileRecord?
    ) -> (full: PaidMedia, preview: PaidMedia, files: Set<Int64>) {
        var message = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
        MediaSending.attach(item, media: media, uploadedThumbnail: uploadedThumbnail, to: &message)
        var files: Set<Int64> = []
        FileAccess.collectFiles(of: message, into: &files)
        if let video = message.video {
            return (.video(PaidMediaVideo(video: video)),
                    .preview(PaidMediaPreview(width: positive(video.width), height: positive(video.height), duration: positive(video.duration))),
                    files)
        }
        let photo = message.photo ?? []
        let largest = photo.last
        return (.photo(PaidMediaPhoto(photo: photo)), .preview(PaidMediaPreview(width: largest?.width, height: largest?.height)), files)
    }

    private static func positive(_ value: Int) -> Int? { value > 0 ? value : nil }

    /// `message` with its paid media unlocked.
    static func unlocked(_ message: Message, content: Content) -> Message {
        var message = message
        if let info = message.paidMedia { message.paidMedia = PaidMediaInfo(starCount: info.starCount, paidMedia: content.paidMedia) }
        return message
    }

    /// `user` buys the paid media of the message `messageID` in `chat`: Stars go to the bot,
    /// the files become the user's, and the bot gets `purchased_paid_media` when the media
    /// carry a payload (outside channels, as on Telegram). Buying twice charges once.
    /// Returns the message as the user now sees it.
    static func buy(_ messageID: Int, in chat: ChatRecord, by user: AccountRecord, tx: Transaction) throws -> Message {
        guard let stored = try ChatMessages.load(messageID, in: chat, from: tx.store),
              let record = try tx.store.paidMedia(chatID: chat.id, messageID: Int64(messageID))
        else { throw APIError.badRequest("MESSAGE_ID_INVALID") }
        let content = try Content.decode(record.media)
        let seen = try ChatMessages.view(stored.message, in: chat, for: user, in: tx.store)
        if try tx.store.hasBoughtPaidMedia(chatID: chat.id, messageID: Int64(messageID), userID: user.id) {
            return unlocked(seen, content: content)
        }
        guard let bot = try tx.store.account(id: record.botID), !bot.isDeleted else { throw APIError.badRequest("BOT_INVALID") }
        try StarLedger.transfer(
            record.starCount, from: user.id, to: bot.id, transactionID: StarLedger.newChargeID(),
            payerSees: StarLedger.partner(bot, kind: .paidMediaPayment),
            payeeSees: StarLedger.partner(
                user, kind: .paidMediaPayment, paidMedia: content.paidMedia, paidMediaPayload: record.payload),
            now: tx.now, in: tx.store)
        try tx.store.recordPaidMediaPurchase(chatID: chat.id, messageID: Int64(messageID), userID: user.id)
        for file in content.fileIDs { try tx.store.grantFile(fileID: file, to: user.id) }
        if !record.payload.isEmpty, chat.kind != .channel {
            let purchase = PaidMediaPurchased(from: Views.user(user), paidMediaPayload: record.payload)
            try tx.enqueue(.purchasedPaidMedia(by: user.id, purchase.jsonBytes), for: bot.id)
        }
        return unlocked(seen, content: content)
    }
}
