import BotAPI
import Storage

/// `blockUser` (users): blocks a bot or a person. A blocked bot gets a `my_chat_member`
/// update (status `kicked`) and its sends fail with 403 "bot was blocked by the user".
enum BlockUser: APIMethod {
    static let name = "blockUser"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let user_id: Int64
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await setBlocked(true, call: call)
    }

    /// Shared by blockUser and unblockUser.
    static func setBlocked(_ blocked: Bool, call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        guard p.user_id > 0 else { throw APIError.badRequest("invalid user_id specified") }
        try await call.engine.write { tx in
            guard let other = try tx.store.account(id: p.user_id), other.id != user.id else {
                throw APIError.badRequest("user not found")
            }
            var chat = try PrivateChats.openChat(from: user, to: other, in: tx.store)
            guard chat.hasBlocked(user.id) != blocked else { return }
            chat.setBlocked(blocked, by: user.id)
            try tx.store.update(chat)
            if other.isBot { try announce(blocked: blocked, user: user, bot: other, in: tx) }
        }
        return .true
    }

    /// Queues the bot's `my_chat_member` update for a block or unblock.
    static func announce(blocked: Bool, user: AccountRecord, bot: AccountRecord, in tx: Transaction) throws {
        let botUser = Views.user(bot)
        let member = ChatMember.member(ChatMemberMember(status: "member", user: botUser))
        let kicked = ChatMember.banned(ChatMemberBanned(status: "kicked", user: botUser, untilDate: 0))
        let update = ChatMemberUpdated(
            chat: Views.privateChat(with: user), from: Views.user(user), date: Int(tx.now),
            oldChatMember: blocked ? member : kicked, newChatMember: blocked ? kicked : member)
        try tx.enqueue(.myChatMember(chat: user.id, update.jsonBytes), for: bot.id)
    }
}
