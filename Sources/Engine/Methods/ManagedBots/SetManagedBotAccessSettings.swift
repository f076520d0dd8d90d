import BotAPI
import Storage

/// `setManagedBotAccessSettings` (bots): restricts a bot the caller manages to its owner and
/// up to 10 added users, or opens it to everyone. `added_user_ids` is read only when access
/// is restricted, as the official server does.
enum SetManagedBotAccessSettings: APIMethod {
    static let name = "setManagedBotAccessSettings"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let restricted = call.parameters["is_access_restricted"].map(LenientParse.bool) ?? false
        let added = restricted && call.parameters["added_user_ids"] != nil ? try ManagedBots.userIDs(call.parameters["added_user_ids"]) : []
        let manager = call.account
        try await call.engine.write { tx in
            let bot = try ManagedBots.managed(userID, by: manager, in: tx.store)
            let found = Set(try tx.store.accounts(ids: added).filter { !$0.isDeleted && !$0.isBot }.map(\.id))
            guard added.allSatisfy(found.contains) else { throw APIError.badRequest("user not found") }
            var unique: [Int64] = []
            for id in added where !unique.contains(id) { unique.append(id) }
            try ManagedBots.setAccess(ManagedBots.Access(isRestricted: restricted, addedUserIDs: unique), of: bot.id, in: tx.store)
        }
        return .true
    }
}
