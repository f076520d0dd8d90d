import BotAPI
import Storage

/// `getManagedBotToken` (bots): the token of a bot the caller manages.
enum GetManagedBotToken: APIMethod {
    static let name = "getManagedBotToken"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let manager = call.account
        let bot = try await call.engine.store.read { store in try ManagedBots.managed(userID, by: manager, in: store) }
        return MethodResult("\(bot.id):\(bot.tokenSecret)")
    }
}
