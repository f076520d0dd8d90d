import BotAPI
import Storage

/// `getUserPersonalChatMessages` (bots): the latest posts (up to `limit`, 1-20) of the
/// public channel a user shows on their profile (`setPersonalChat`), newest first; an empty
/// array when the user has none.
enum GetUserPersonalChatMessages: APIMethod {
    static let name = "getUserPersonalChatMessages"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        // Clamped to 0-20 as the official server reads it; 0 is then refused by TDLib.
        let limit = min(max(call.parameters["limit"].map(LenientParse.integer) ?? 0, 0), PersonalChats.maxLimit)
        let bot = call.account
        let messages = try await call.engine.store.read { store in
            guard let user = try Visibility.account(id: userID, viewer: bot, in: store), !user.isDeleted else {
                throw APIError.badRequest("user not found")
            }
            guard limit > 0 else { throw APIError.badRequest("parameter limit must be positive") }
            return try PersonalChats.messages(of: user.id, limit: limit, viewer: bot, in: store)
        }
        return MethodResult(messages)
    }
}
