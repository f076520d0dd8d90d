import BotAPI
import Storage

/// `getManagedBotAccessSettings` (bots): who may use a bot the caller manages.
enum GetManagedBotAccessSettings: APIMethod {
    static let name = "getManagedBotAccessSettings"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let manager = call.account
        let json = try await call.engine.store.read { store in
            let bot = try ManagedBots.managed(userID, by: manager, in: store)
            return try ManagedBots.view(ManagedBots.access(of: bot.id, in: store), in: store)
        }
        return MethodResult(json: json)
    }
}
