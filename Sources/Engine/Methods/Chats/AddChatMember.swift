import BotAPI
import Storage

/// `addChatMember` (users): adds a user or bot to a group, supergroup or channel. The
/// caller needs the right to invite users; a banned account can only be re-added by an
/// administrator allowed to restrict members.
enum AddChatMember: APIMethod {
    static let name = "addChatMember"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: GetChatMemberParameters = try call.decode()
        let actor = call.account
        try await call.engine.write { tx in
            guard var group = try Groups.resolve(p.chatId, viewer: actor, in: tx.store) else { throw APIError.badRequest("chat not found") }
            let access = try ChatAccess.present(actor, in: group, now: tx.now, in: tx.store)
            guard let account = try Visibility.account(id: Int64(p.userId), viewer: actor, in: tx.store), !account.isDeleted else {
                throw APIError.badRequest("user not found")
            }
            try access.require(.inviteUsers, otherwise: "not enough rights to invite members")
            let target = try Groups.membership(of: account.id, in: group, now: tx.now, in: tx.store)
            if target?.status == .kicked && !access.may(.restrictMembers) { throw APIError.badRequest("USER_KICKED") }
            try Membership.add(account, to: &group, by: actor, tx: tx)
        }
        return .true
    }
}
