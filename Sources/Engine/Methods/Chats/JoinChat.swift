import BotAPI
import Storage

/// `joinChat` (users): joins a public supergroup or channel by `chat_id` (id or
/// `@username`), or any chat by `invite_link` — which files a join request instead when
/// the link asks for approval (answered with Telegram's 400 "INVITE_REQUEST_SENT"). When a
/// bot of the chat takes join-request queries, the call first waits for its answer (up to
/// `timeout`, default 10 s, at most 150 s): approved, it answers the chat as a join does.
enum JoinChat: APIMethod {
    static let name = "joinChat"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let chat_id: ChatID?
        let invite_link: String?
        let timeout: Double?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        if let link = p.invite_link, p.chat_id == nil {
            let seconds = min(max(p.timeout.flatMap { $0.isFinite ? $0 : nil } ?? JoinRequestQueries.defaultTimeout, 0), JoinRequestQueries.maxTimeout)
            let ask = JoinRequestQueries.Ask(queries: call.engine.joinRequestQueries, timeout: .milliseconds(Int(seconds * 1000)))
            let joined: (chat: Chat?, asked: JoinRequestQueries.Asked?)
            do {
                joined = try await call.engine.write { tx in try InviteLinks.join(user, through: link, ask: ask, tx: tx) }
            } catch {
                ask.discard()
                throw error
            }
            if let chat = joined.chat { return MethodResult(chat) }
            if let asked = joined.asked, let chat = try await JoinRequestQueries.outcome(of: asked, ask: ask, user: user, engine: call.engine) {
                return MethodResult(chat)
            }
            throw APIError.badRequest("INVITE_REQUEST_SENT")
        }
        guard let chatID = p.chat_id else { throw APIError.badRequest("chat_id is empty") }
        let chat = try await call.engine.write { tx in
            guard var group = try Groups.resolve(chatID, viewer: user, in: tx.store) else { throw APIError.badRequest("chat not found") }
            guard group.record.username != nil else { throw APIError.badRequest("CHANNEL_PRIVATE") }
            let existing = try Groups.membership(of: user.id, in: group, now: tx.now, in: tx.store)
            if existing?.status == .kicked { throw APIError.badRequest("USER_BANNED_IN_CHANNEL") }
            try Membership.add(user, to: &group, by: user, tx: tx)
            return Groups.view(group)
        }
        return MethodResult(chat)
    }
}
