import BotAPI
import Storage

/// `getChatMembers` (users): the present members of a group, supergroup or channel the
/// user is in, in joining order (bots included), for a client's members list. The Bot API
/// has no such method: bots ask about members one by one with `getChatMember`.
enum GetChatMembers: APIMethod {
    static let name = "getChatMembers"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let chat_id: ChatID
        let offset: Int?
        let limit: Int?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        if call.parameters["chat_id"] == nil { throw APIError.badRequest("chat_id is empty") }
        let p: Parameters = try call.decode()
        let offset = max(p.offset ?? 0, 0)
        let limit = min(max(p.limit ?? 200, 1), 1000)
        let user = call.account
        let now = call.engine.clock.now()
        let members = try await call.engine.store.read { tx -> [ChatMember] in
            guard let group = try ChatHistory.chat(p.chat_id, for: user, now: now, in: tx).group else {
                throw APIError.badRequest("there are no members in the private chat")
            }
            guard try Groups.membership(of: user.id, in: group, now: now, in: tx)?.isPresent == true else {
                throw APIError.forbidden("not a member of the chat")
            }
            return try Groups.presentMembers(of: group, now: now, in: tx).dropFirst(offset).prefix(limit).compactMap { member in
                try tx.account(id: member.accountID).map { Groups.chatMember(member, account: $0, viewer: user, group: group) }
            }
        }
        return MethodResult(members)
    }
}
