import BotAPI
import Storage

/// `replaceManagedBotToken` (bots): gives a bot the caller manages a new token and answers
/// it; the old token stops working at once, as the admin's `revokeToken` does.
enum ReplaceManagedBotToken: APIMethod {
    static let name = "replaceManagedBotToken"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let manager = call.account
        let bot = try await call.engine.write { tx in
            var bot = try ManagedBots.managed(userID, by: manager, in: tx.store)
            bot.tokenSecret = Engine.makeTokenSecret()
            try tx.update(bot, endsSessions: true)
            return bot
        }
        return MethodResult("\(bot.id):\(bot.tokenSecret)")
    }
}
