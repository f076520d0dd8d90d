import BotAPI
import Storage

/// `restrictChatMember` (bots and users, as a chat administrator): sets what a member of a
/// supergroup may do, until `until_date`. Permissions that leave everything the chat's
/// defaults allow make the account a plain member again; an account outside the chat is
/// restricted in advance and stays outside.
enum RestrictChatMember: APIMethod {
    static let name = "restrictChatMember"
    static let surfaces: Set<Surface> = [.bot, .user]

    /// The generated parameters decode `permissions` as a model, which can't give the
    /// official parse errors; it is read by ``Moderation/permissions(from:independent:allowLegacy:)``.
    struct Parameters: Decodable {
        let user_id: Int
        let chat_id: ChatID
        let until_date: Int?
        let use_independent_chat_permissions: Bool?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        try Moderation.requireUserID(p.user_id)
        let permissions = try Moderation.permissions(
            from: call.parameters, independent: p.use_independent_chat_permissions ?? false, allowLegacy: true)
        return try await Moderation.administer(
            call, chat: p.chat_id, user: p.user_id, kinds: [.supergroup], privateError: "method is available only for supergroups"
        ) { chat, target, tx in
            let current = try Groups.membership(of: target.id, in: chat.group, now: tx.now, in: tx.store)
            let isMember = current?.isPresent ?? false
            let new: MemberRecord
            if Moderation.restrictsNothing(permissions, in: chat.group) {
                new = Moderation.record(isMember ? .member : .left, of: target, in: chat, now: tx.now)
            } else {
                var details = MemberDetails()
                details.permissions = permissions
                details.untilDate = Moderation.untilDate(p.until_date, now: tx.now)
                details.isMember = isMember
                new = Moderation.record(.restricted, of: target, details: details, in: chat, now: tx.now)
            }
            try Moderation.change(target, to: new, in: &chat, tx: tx)
        }
    }
}
