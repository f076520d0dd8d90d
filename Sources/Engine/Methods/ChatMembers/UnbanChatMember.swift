import BotAPI
import Storage

/// `unbanChatMember` (bots and users, as a chat administrator): lifts a ban in a supergroup
/// or channel. Without `only_if_banned` it guarantees the account is out of the chat but
/// free to come back, so a member is removed, as on Telegram.
enum UnbanChatMember: APIMethod {
    static let name = "unbanChatMember"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: UnbanChatMemberParameters = try call.decode()
        return try await Moderation.administer(
            call, chat: p.chatId, user: p.userId, kinds: [.supergroup, .channel],
            privateError: "method is available for supergroup and channel chats only"
        ) { chat, target, tx in
            if p.onlyIfBanned ?? false {
                let current = try Groups.membership(of: target.id, in: chat.group, now: tx.now, in: tx.store)
                guard current?.status == .kicked else { return }
            }
            try Moderation.change(target, to: Moderation.record(.left, of: target, in: chat, now: tx.now), in: &chat, tx: tx)
        }
    }
}
