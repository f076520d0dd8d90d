import BotAPI
import Storage

/// `setManagedBot` (admin): makes the bot `user_id` managed by the bot `manager_bot_id` (0
/// or absent: by no one), as a user creating a bot through a manager's
/// `request_managed_bot` button does on Telegram. The managed bot must have an owner
/// (`owner_user_id`): the manager gets `managed_bot` with that owner as `user`.
enum SetManagedBot: APIMethod {
    static let name = "setManagedBot"
    static let surfaces: Set<Surface> = [.admin]

    struct Parameters: Decodable {
        let user_id: Int64
        let manager_bot_id: Int64?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        try await call.engine.write { tx in
            let bot = try AdminBots.bot(p.user_id, in: tx.store)
            guard let managerID = p.manager_bot_id, managerID != 0 else {
                return try ManagedBots.setManager(nil, of: bot, owner: nil, in: tx)
            }
            guard let manager = try tx.store.account(id: managerID), manager.isBot, !manager.isDeleted, manager.id != bot.id else {
                throw APIError.badRequest("manager bot not found")
            }
            guard let owner = try bot.ownerUserID.flatMap({ try tx.store.account(id: $0) }), !owner.isDeleted else {
                throw APIError.badRequest("a managed bot needs an owner_user_id")
            }
            try ManagedBots.setManager(manager, of: bot, owner: owner, in: tx)
        }
        return .true
    }
}
