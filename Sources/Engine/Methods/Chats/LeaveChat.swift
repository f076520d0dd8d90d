import BotAPI
import Storage

/// `leaveChat` (bots and users): leaves a group, supergroup or channel.
enum LeaveChat: APIMethod {
    static let name = "leaveChat"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: LeaveChatParameters = try call.decode()
        let account = call.account
        try await call.engine.write { tx in
            guard var group = try Groups.resolve(p.chatId, viewer: account, in: tx.store) else {
                _ = try PrivateChats.peer(for: p.chatId, sender: account, in: tx.store)
                throw APIError.badRequest("chat member status can't be changed in private chats")
            }
            try Groups.requirePresence(of: account, in: group, now: tx.now, in: tx.store)
            try Membership.remove(account, from: &group, by: account, tx: tx)
        }
        return .true
    }
}
