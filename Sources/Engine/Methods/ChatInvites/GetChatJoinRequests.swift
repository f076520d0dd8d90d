import BotAPI
import Storage

/// `getChatJoinRequests` (users, TDLib's method of that name): the pending join requests of
/// a group, supergroup or channel, newest first, for those who may answer them (the creator
/// and administrators with `can_invite_users`, else "not enough rights to manage chat invite
/// link"), each as the `chat_join_request` update bots get. `invite_link` keeps only the
/// requests made through that link; `limit` is 1–100 (default 100).
enum GetChatJoinRequests: APIMethod {
    static let name = "getChatJoinRequests"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let chat_id: ChatID
        let invite_link: String?
        let limit: Int?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        if call.parameters["chat_id"] == nil { throw APIError.badRequest("chat_id is empty") }
        let p: Parameters = try call.decode()
        let limit = min(max(p.limit ?? 100, 1), 100)
        let caller = call.account
        let now = call.engine.clock.now()
        let requests = try await call.engine.store.read { tx -> [ChatJoinRequest] in
            let group = try InviteLinks.managedGroup(p.chat_id, caller: caller, now: now, in: tx)
            var hash: String?
            if let link = p.invite_link, !link.isEmpty {
                guard let given = InviteLinks.hash(in: link), group.details.invites?.links.contains(where: { $0.hash == given }) == true else {
                    throw APIError.badRequest("INVITE_HASH_EXPIRED")
                }
                hash = given
            }
            let pending = (group.details.invites?.requests ?? []).filter { hash == nil || $0.linkHash == hash }
            return try pending.reversed().prefix(limit).compactMap { request in
                guard let user = try tx.account(id: request.userID), !user.isDeleted else { return nil }
                return try InviteLinks.joinRequest(from: user, date: request.date, linkHash: request.linkHash, in: group, in: tx)
            }
        }
        return MethodResult(requests)
    }
}
