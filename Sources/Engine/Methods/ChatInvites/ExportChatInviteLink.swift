import BotAPI
import Storage

/// `exportChatInviteLink` (bots and users): a new primary link for the caller; the
/// previous one stops working. Returns the link as a string.
enum ExportChatInviteLink: APIMethod {
    static let name = "exportChatInviteLink"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: ExportChatInviteLinkParameters = try call.decode()
        let caller = call.account
        let link = try await call.engine.write { tx in
            var group = try InviteLinks.managedGroup(p.chatId, caller: caller, now: tx.now, in: tx.store)
            let link = InviteLinks.newPrimary(for: caller, in: &group)
            try Groups.save(group, in: tx.store)
            return InviteLinks.prefix + link.hash
        }
        return MethodResult(link)
    }
}
