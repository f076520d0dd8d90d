import BotAPI
import Storage

/// `getChatMemberCount` (bots and users): how many accounts are in a chat. A private chat
/// counts 2, or 1 when it is the caller's own.
enum GetChatMemberCount: APIMethod {
    static let name = "getChatMemberCount"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: GetChatMemberCountParameters = try call.decode()
        let caller = call.account
        let now = call.engine.clock.now()
        let count = try await call.engine.store.read { tx in
            switch try ChatLookup.target(p.chatId, caller: caller, now: now, in: tx) {
            case .privateChat(let peer): return peer.id == caller.id ? 1 : 2
            case .group(let group): return try Groups.presentMembers(of: group, now: now, in: tx).count
            }
        }
        return MethodResult(count)
    }
}
