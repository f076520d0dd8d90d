import BotAPI
import Storage

/// `editChatSubscriptionInviteLink` (bots and users with the right to invite): renames a
/// subscription invite link; its price and period never change.
enum EditChatSubscriptionInviteLink: APIMethod {
    static let name = "editChatSubscriptionInviteLink"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let chatID = call.parameters["chat_id"].flatMap(ChatID.init(parsing:)) else { throw APIError.badRequest("chat_id is empty") }
        let name = call.parameters["name"]
        let inviteLink = call.parameters["invite_link"]
        let caller = call.account
        let link = try await call.engine.write { tx in
            try InviteLinks.modify(inviteLink, chatID: chatID, caller: caller, tx: tx) { stored, _ in
                let fields = try InviteLinks.fields(name: name, expireDate: nil, memberLimit: nil, createsJoinRequest: nil, now: tx.now)
                stored.name = fields.name
            }
        }
        return MethodResult(link)
    }
}
