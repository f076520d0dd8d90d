import BotAPI
import Storage

/// `connectBusinessBot` (users, USER-API.md): the user connects a bot to their account as its
/// business bot (Telegram Business → Chatbots), granting `rights`; `can_reply` is a shorthand
/// for `rights.can_reply`. A user has one business bot: connecting another one disconnects
/// the previous. The bot gets `business_connection`; the answer is the connection as the bot
/// sees it.
enum ConnectBusinessBot: APIMethod {
    static let name = "connectBusinessBot"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let bot_id: Int64?
        let bot_username: String?
        let rights: BusinessBotRights?
        let can_reply: Bool?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let rights = {
            var rights = p.rights ?? BusinessBotRights()
            if let canReply = p.can_reply { rights.canReply = canReply }
            return rights
        }()
        let connection = try await call.engine.write { tx in
            let bot = try StartBot.bot(id: p.bot_id, username: p.bot_username, in: tx.store)
            // Telegram's refusal of a bot without Business Mode.
            guard try BusinessConnections.canConnect(botID: bot.id, in: tx.store) else {
                throw APIError.badRequest("BOT_BUSINESS_MISSING")
            }
            return try BusinessConnections.connect(bot, to: user, rights: rights, in: tx)
        }
        return MethodResult(BusinessConnections.view(connection, user: user))
    }
}
