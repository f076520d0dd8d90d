import BotAPI
import Storage

/// The bot an admin switch names by `user_id`: a live account ("user not found" otherwise)
/// that is a bot ("bot not found"), as `editBot` answers.
enum AdminBots {
    static func bot(_ userID: Int64, in store: any StoreReader) throws -> AccountRecord {
        guard userID > 0 else { throw APIError.badRequest("invalid user_id specified") }
        guard let account = try store.account(id: userID), !account.isDeleted else { throw APIError.badRequest("user not found") }
        guard account.isBot else { throw APIError.badRequest("bot not found") }
        return account
    }
}
