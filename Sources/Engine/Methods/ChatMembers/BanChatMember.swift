import BotAPI
import Storage

/// `banChatMember` (bots and users, as a chat administrator): removes a member and keeps
/// them out until `until_date`. In a basic group it is a removal without a date; in
/// supergroups and channels a ban any account can be given, member or not.
enum BanChatMember: APIMethod {
    static let name = "banChatMember"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: BanChatMemberParameters = try call.decode()
        return try await Moderation.administer(
            call, chat: p.chatId, user: p.userId, kinds: [.group, .supergroup, .channel],
            privateError: "can't ban members in private chats"
        ) { chat, target, tx in
            if chat.group.kind == .group {
                try Moderation.removeFromBasicGroup(target, in: &chat, tx: tx)
                return
            }
            var details = MemberDetails()
            details.untilDate = Moderation.untilDate(p.untilDate, now: tx.now)
            try Moderation.change(target, to: Moderation.record(.kicked, of: target, details: details, in: chat, now: tx.now), in: &chat, tx: tx)
        }
    }
}
