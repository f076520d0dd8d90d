import BotAPI
import Storage

/// `createChatInviteLink` (bots and users): an additional link with an optional name,
/// expiry, member limit or approval requirement.
enum CreateChatInviteLink: APIMethod {
    static let name = "createChatInviteLink"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: CreateChatInviteLinkParameters = try call.decode()
        let caller = call.account
        let link = try await call.engine.write { tx in
            var group = try InviteLinks.managedGroup(p.chatId, caller: caller, now: tx.now, in: tx.store)
            let fields = try InviteLinks.fields(
                name: p.name, expireDate: p.expireDate, memberLimit: p.memberLimit, createsJoinRequest: p.createsJoinRequest, now: tx.now)
            var link = StoredInviteLink(hash: InviteLinks.makeHash(chatID: group.chat.id), creatorID: caller.id, isPrimary: false)
            link.name = fields.name
            link.expireDate = fields.expireDate
            link.memberLimit = fields.memberLimit
            link.createsJoinRequest = fields.createsJoinRequest
            group.details.invites = group.details.invites ?? InviteState()
            group.details.invites?.links.append(link)
            try Groups.save(group, in: tx.store)
            return try InviteLinks.view(link, in: group, in: tx.store)
        }
        return MethodResult(link)
    }
}
