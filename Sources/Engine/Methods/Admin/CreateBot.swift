import BotAPI
import Storage

/// `createBot` (admin): a new bot with its token, privacy mode on unless asked otherwise.
enum CreateBot: APIMethod {
    static let name = "createBot"
    static let surfaces: Set<Surface> = [.admin]

    struct Parameters: Decodable {
        let username: String
        let first_name: String
        let can_join_groups: Bool?
        let can_read_all_group_messages: Bool?
        let supports_inline_queries: Bool?
        let owner_user_id: Int64?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        try Usernames.validate(p.username, mustEndInBot: true)
        let account = try await call.engine.write { tx in
            try Usernames.ensureFree(p.username, in: tx.store)
            if let owner = p.owner_user_id, try tx.store.account(id: owner).map({ $0.isBot || $0.isDeleted }) ?? true {
                throw APIError.badRequest("owner user not found")
            }
            return try tx.store.insert(AccountRecord(
                isBot: true, firstName: p.first_name, username: p.username, tokenSecret: Engine.makeTokenSecret(),
                canJoinGroups: p.can_join_groups ?? true, canReadAllGroupMessages: p.can_read_all_group_messages ?? false,
                supportsInlineQueries: p.supports_inline_queries ?? false, ownerUserID: p.owner_user_id, createdAt: tx.now))
        }
        return MethodResult(AccountWithToken(account))
    }
}
