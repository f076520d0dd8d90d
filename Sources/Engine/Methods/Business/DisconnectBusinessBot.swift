import BotAPI
import Storage

/// `disconnectBusinessBot` (users, USER-API.md): the user disconnects their business bot;
/// the bot gets `business_connection` with `is_enabled` false and its calls with the
/// connection's id stop working. 400 "BOT_BUSINESS_MISSING" when that bot is not connected.
enum DisconnectBusinessBot: APIMethod {
    static let name = "disconnectBusinessBot"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let bot_id: Int64?
        let bot_username: String?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        try await call.engine.write { tx in
            let bot = try StartBot.bot(id: p.bot_id, username: p.bot_username, in: tx.store)
            guard try BusinessConnections.disconnect(bot, from: user, in: tx) else {
                throw APIError.badRequest("BOT_BUSINESS_MISSING")
            }
        }
        return .true
    }
}
