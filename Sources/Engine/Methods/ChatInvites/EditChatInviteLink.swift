import BotAPI
import Storage

/// `editChatInviteLink` (bots and users): replaces a non-primary link's settings; those
/// left out return to their defaults, as on Telegram.
enum EditChatInviteLink: APIMethod {
    static let name = "editChatInviteLink"
    static let surfaces: Set<Surface> = [.bot, .user]

    struct Parameters: Decodable {
        let chat_id: ChatID
        let invite_link: String?
        let name: String?
        let expire_date: Int?
        let member_limit: Int?
        let creates_join_request: Bool?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let caller = call.account
        let link = try await call.engine.write { tx in
            try InviteLinks.modify(p.invite_link, chatID: p.chat_id, caller: caller, tx: tx) { link, _ in
                if link.isPrimary { throw APIError.badRequest("CHAT_INVITE_PERMANENT") }
                if link.isRevoked { throw APIError.badRequest("INVITE_HASH_EXPIRED") }
                let fields = try InviteLinks.fields(
                    name: p.name, expireDate: p.expire_date, memberLimit: p.member_limit,
                    createsJoinRequest: p.creates_join_request, now: tx.now)
                link.name = fields.name
                link.expireDate = fields.expireDate
                link.memberLimit = fields.memberLimit
                link.createsJoinRequest = fields.createsJoinRequest
            }
        }
        return MethodResult(link)
    }
}
