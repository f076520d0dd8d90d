import BotAPI
import Storage

/// `shareUsersWithBot` (users, TDLib's method of that name): answers a reply keyboard's
/// `request_users` button of `bot_id` (or `bot_username`) with the accounts
/// `shared_user_ids`; the bot gets the `users_shared` service message (see
/// ``PeerRequests``). Answers the message.
enum ShareUsersWithBot: APIMethod {
    static let name = "shareUsersWithBot"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let bot_id: Int64?
        let bot_username: String?
        let request_id: Int
        let shared_user_ids: [Int64]
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let message = try await call.engine.write { tx in
            let bot = try StartBot.bot(id: p.bot_id, username: p.bot_username, in: tx.store)
            return try PeerRequests.shareUsers(p.shared_user_ids, requestID: p.request_id, from: user, to: bot, tx: tx)
        }
        return MethodResult(message)
    }
}
