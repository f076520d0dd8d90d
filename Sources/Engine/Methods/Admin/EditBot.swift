import BotAPI
import Storage

/// `editBot` (admin, USER-API.md): changes a bot's name, capabilities, owner and inline-mode
/// settings; any `createBot` parameter but `username`, each left as it is when absent.
/// Answers the bot as `getMe` shows it.
enum EditBot: APIMethod {
    static let name = "editBot"
    static let surfaces: Set<Surface> = [.admin]

    struct Parameters: Decodable {
        let user_id: Int64
        let first_name: String?
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
        guard p.user_id > 0 else { throw APIError.badRequest("invalid user_id specified") }
        if let name = p.first_name, name.isEmpty || name.count > 64 { throw APIError.badRequest("FIRSTNAME_INVALID") }
        try validatePlaceholder(p.inline_placeholder)
        let (account, canConnectToBusiness) = try await call.engine.write { tx in
            guard var account = try tx.store.account(id: p.user_id), !account.isDeleted else {
                throw APIError.badRequest("user not found")
            }
            guard account.isBot else { throw APIError.badRequest("bot not found") }
            if let owner = p.owner_user_id, try tx.store.account(id: owner).map({ $0.isBot || $0.isDeleted }) ?? true {
                throw APIError.badRequest("owner user not found")
            }
            if let name = p.first_name { account.firstName = name }
            if let value = p.can_join_groups { account.canJoinGroups = value }
            if let value = p.can_read_all_group_messages { account.canReadAllGroupMessages = value }
            if let value = p.supports_inline_queries { account.supportsInlineQueries = value }
            if let owner = p.owner_user_id { account.ownerUserID = owner }
            try tx.update(account)
            try InlineSettings.set(feedback: p.inline_feedback, placeholder: p.inline_placeholder, of: account.id, in: tx.store)
            try BusinessConnections.setCanConnect(p.can_connect_to_business, botID: account.id, in: tx.store)
            return (account, try BusinessConnections.canConnect(botID: account.id, in: tx.store))
        }
        return MethodResult(Views.me(account, canConnectToBusiness: canConnectToBusiness))
    }

    /// An inline placeholder is a short hint: at most 64 characters.
    static func validatePlaceholder(_ placeholder: String?) throws {
        if let placeholder, placeholder.count > InlineSettings.maxPlaceholderLength {
            throw APIError.badRequest("inline placeholder must be at most 64 characters long")
        }
    }
}
