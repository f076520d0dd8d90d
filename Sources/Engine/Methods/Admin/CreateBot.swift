import BotAPI
import Storage

/// `createBot` (admin): a new bot with its token, privacy mode on unless asked otherwise;
/// its inline-mode settings (`inline_feedback`, `inline_placeholder`) go with it.
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
        let inline_feedback: Bool?
        let inline_placeholder: String?
        let can_connect_to_business: Bool?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        try Usernames.validate(p.username, mustEndInBot: true)
        try EditBot.validatePlaceholder(p.inline_placeholder)
        let account = try await call.engine.write { tx in
            try Usernames.ensureFree(p.username, in: tx.store)
            if let owner = p.owner_user_id, try tx.store.account(id: owner).map({ $0.isBot || $0.isDeleted }) ?? true {
                throw APIError.badRequest("owner user not found")
            }
            let account = try tx.store.insert(AccountRecord(
                isBot: true, firstName: p.first_name, username: p.username, tokenSecret: Engine.makeTokenSecret(),
                canJoinGroups: p.can_join_groups ?? true, canReadAllGroupMessages: p.can_read_all_group_messages ?? false,
                supportsInlineQueries: p.supports_inline_queries ?? false, ownerUserID: p.owner_user_id, createdAt: tx.now))
            try InlineSettings.set(feedback: p.inline_feedback, placeholder: p.inline_placeholder, of: account.id, in: tx.store)
            try BusinessConnections.setCanConnect(p.can_connect_to_business, botID: account.id, in: tx.store)
            return account
        }
        return MethodResult(AccountWithToken(account))
    }
}
