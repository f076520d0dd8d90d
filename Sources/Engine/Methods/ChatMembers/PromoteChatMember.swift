import BotAPI
import Storage

/// `promoteChatMember` (bots and users, as a chat administrator): makes a member of a
/// supergroup or channel an administrator with the rights passed, or a plain member when
/// none are. The promoter may only grant rights it holds, and only it (or the owner) may
/// edit the administrator later.
enum PromoteChatMember: APIMethod {
    static let name = "promoteChatMember"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: PromoteChatMemberParameters = try call.decode()
        // Every right is a lenient boolean parameter; `can_manage_voice_chats` is the old
        // name of `can_manage_video_chats`.
        var passed = Set(DefaultAdministratorRights.fields.filter { LenientParse.bool(call.parameters[$0] ?? "") })
        if LenientParse.bool(call.parameters["can_manage_voice_chats"] ?? "") { passed.insert("can_manage_video_chats") }
        let requested = passed
        let restrictGiven = call.parameters["can_restrict_members"] != nil
        return try await Moderation.administer(
            call, chat: p.chatId, user: p.userId, kinds: [.supergroup, .channel],
            privateError: "method is available for supergroup and channel chats only"
        ) { chat, target, tx in
            let current = try Groups.membership(of: target.id, in: chat.group, now: tx.now, in: tx.store)
            if current?.status == .creator { throw APIError.badRequest("can't edit chat owner") }
            // In channels a promotion with any right also lets the administrator restrict
            // members unless that right is explicitly withheld.
            var granted = requested
            if chat.group.isChannel && !restrictGiven && !granted.isEmpty { granted.insert("can_restrict_members") }

            let new: MemberRecord
            if let rights = Moderation.rights(granted, in: chat.group) {
                var details = MemberDetails()
                details.rights = rights
                details.promotedByID = chat.actor.id
                if current?.status == .administrator { details.customTitle = current?.decodedDetails.customTitle }
                new = Moderation.record(.administrator, of: target, details: details, in: chat, now: tx.now)
            } else if current?.status == .administrator {
                new = Moderation.record(.member, of: target, in: chat, now: tx.now)
            } else {
                return  // Nothing to take away, so nothing changes and nothing is checked.
            }
            try Moderation.change(target, to: new, in: &chat, tx: tx)
        }
    }
}
