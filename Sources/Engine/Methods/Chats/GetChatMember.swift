import BotAPI
import Storage

/// `getChatMember` (bots and users): one account's status in a chat.
enum GetChatMember: APIMethod {
    static let name = "getChatMember"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: GetChatMemberParameters = try call.decode()
        let caller = call.account
        let now = call.engine.clock.now()
        let member = try await call.engine.store.read { tx -> ChatMember in
            let target = try ChatLookup.target(p.chatId, caller: caller, now: now, in: tx)
            guard p.userId > 0 else { throw APIError.badRequest("invalid user_id specified") }
            guard let account = try Visibility.account(id: Int64(p.userId), viewer: caller, in: tx) else {
                throw APIError.badRequest("user not found")
            }
            switch target {
            case .privateChat(let peer):
                guard account.id == peer.id || account.id == caller.id else { throw APIError.badRequest("member not found") }
                return .member(ChatMemberMember(user: Views.user(account)))
            case .group(let group):
                let record = try Groups.membership(of: account.id, in: group, now: now, in: tx)
                return Groups.chatMember(record, account: account, viewer: caller, group: group)
            }
        }
        return MethodResult(member)
    }
}
