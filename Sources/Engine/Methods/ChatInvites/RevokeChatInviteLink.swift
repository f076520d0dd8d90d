import BotAPI
import Storage

/// `revokeChatInviteLink` (bots and users): the link stops working and is returned with
/// `is_revoked`; revoking a primary link gives its creator a new primary one.
enum RevokeChatInviteLink: APIMethod {
    static let name = "revokeChatInviteLink"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try ChatSettings.chatID(of: call)
        let caller = call.account
        let text = call.parameters["invite_link"]
        let link = try await call.engine.write { tx in
            try InviteLinks.modify(text, chatID: chatID, caller: caller, tx: tx) { link, group in
                if link.isPrimary && !link.isRevoked, let creator = try tx.store.account(id: link.creatorID) {
                    _ = InviteLinks.newPrimary(for: creator, in: &group)
                }
                link.isPrimary = false
                link.isRevoked = true
            }
        }
        return MethodResult(link)
    }
}
