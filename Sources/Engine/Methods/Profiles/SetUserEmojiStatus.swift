import BotAPI
import Storage

/// `setUserEmojiStatus`: sets (or, without an id, clears) the emoji status of a user who
/// allowed the bot to (the user's `toggleEmojiStatusPermission`, Telegram's Mini App
/// `requestEmojiStatusAccess`). The status is a custom emoji of this world and may expire.
enum SetUserEmojiStatus: APIMethod {
    static let name = "setUserEmojiStatus"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let rawID = (call.parameters["emoji_status_custom_emoji_id"] ?? "").trimmingCharacters(in: .whitespaces)
        let emojiID = rawID.isEmpty || rawID == "0" ? nil : rawID
        let expires = Int64(call.parameters["emoji_status_expiration_date"].map(LenientParse.integer) ?? 0)
        let bot = call.account
        try await call.engine.write { tx in
            guard let user = try Visibility.account(id: userID, viewer: bot, in: tx.store), !user.isBot else {
                throw APIError.badRequest("user not found")
            }
            guard try tx.store.emojiStatusPermission(userID: user.id, botID: bot.id) else {
                throw APIError.badRequest("USER_PERMISSION_DENIED")
            }
            if let emojiID, try !EmojiStatuses.isCustomEmoji(emojiID, in: tx.store) { throw APIError.badRequest("DOCUMENT_INVALID") }
            try tx.store.save(EmojiStatusRecord(accountID: user.id, customEmojiID: emojiID, expirationDate: emojiID != nil && expires > 0 ? expires : nil))
        }
        return .true
    }
}
