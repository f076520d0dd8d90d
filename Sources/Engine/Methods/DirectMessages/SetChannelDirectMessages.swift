import BotAPI
import Storage

/// `setChannelDirectMessages` (users): the channel's owner, or an administrator who may
/// change its info, turns its direct messages on or off and sets what each message there
/// costs in Stars (``ChannelDirectMessages``). Answers the direct-messages chat, whose id
/// users write to with sendMessage.
enum SetChannelDirectMessages: APIMethod {
    static let name = "setChannelDirectMessages"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let chat_id: ChatID
        let enabled: Bool?
        let star_count: Int64?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let actor = call.account
        let starCount = p.star_count ?? 0
        let chat = try await call.engine.write { tx in
            let admin = try Moderation.chat(
                p.chat_id, actor: actor, kinds: [.channel], privateError: "chat is not a channel", kindError: "chat is not a channel", tx: tx)
            guard admin.actorRights.canChangeInfo else { throw APIError.badRequest("CHAT_ADMIN_REQUIRED") }
            guard (0 ... ChannelDirectMessages.maxStarCount).contains(starCount) else {
                throw APIError.badRequest("invalid price for paid message specified")
            }
            return Groups.view(try ChannelDirectMessages.configure(admin.group, enabled: p.enabled ?? true, starCount: starCount, by: actor, tx: tx))
        }
        return MethodResult(chat)
    }
}
