import BotAPI
import Storage

/// `getBotCallLog` (users, admin): the Bot API calls a bot made recently, newest first, from
/// the in-memory ``CallLog``. Only the bot's owner (`owner_user_id`) may read it on the user
/// surface; the admin surface reads any bot's.
enum GetBotCallLog: APIMethod {
    static let name = "getBotCallLog"
    static let surfaces: Set<Surface> = [.user, .admin]

    struct Parameters: Decodable {
        let bot_id: Int64?
        let bot_username: String?
        /// Only entries with a larger id.
        let offset: Int64?
        let limit: Int?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let limit = min(max(p.limit ?? 100, 1), CallLog.capacityPerBot)
        let bot = try await call.engine.store.read { tx in try StartBot.bot(id: p.bot_id, username: p.bot_username, in: tx) }
        if let user = call.caller.account, bot.ownerUserID != user.id {
            throw APIError.forbidden("only the bot's owner can read its call log")
        }
        return MethodResult(call.engine.callLog.entries(of: bot.id, after: UInt64(max(p.offset ?? 0, 0)), limit: limit))
    }
}
