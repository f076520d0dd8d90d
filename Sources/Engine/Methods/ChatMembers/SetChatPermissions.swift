import BotAPI
import Storage

/// `setChatPermissions` (bots and users, as a chat administrator): the default permissions
/// of members of a group or supergroup. Needs the right to restrict members.
enum SetChatPermissions: APIMethod {
    static let name = "setChatPermissions"
    static let surfaces: Set<Surface> = [.bot, .user]

    /// `permissions` is read by ``Moderation/permissions(from:independent:allowLegacy:)``
    /// for the official parse errors.
    struct Parameters: Decodable {
        let chat_id: ChatID
        let use_independent_chat_permissions: Bool?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let permissions = try Moderation.permissions(
            from: call.parameters, independent: p.use_independent_chat_permissions ?? false, allowLegacy: false)
        let actor = call.account
        try await call.engine.write { tx in
            var chat = try Moderation.chat(
                p.chat_id, actor: actor, kinds: [.group, .supergroup], privateError: "can't change private chat permissions",
                kindError: "can't change channel chat permissions", tx: tx)
            guard chat.actorRights.canRestrictMembers else { throw APIError.badRequest("not enough rights to change chat permissions") }
            guard Moderation.defaults(of: chat.group) != permissions else { return }
            chat.group.details.permissions = permissions
            try Groups.save(chat.group, in: tx.store)
        }
        return .true
    }
}
