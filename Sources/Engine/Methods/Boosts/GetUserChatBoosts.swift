import BotAPI
import Storage

/// `getUserChatBoosts` (bots): the boosts a user gave a chat the bot administers, oldest
/// first. Checked as the official server does: `user_id`, then the chat, then the user.
enum GetUserChatBoosts: APIMethod {
    static let name = "getUserChatBoosts"
    static let surfaces: Set<Surface> = [.bot]

    struct Parameters: Decodable {
        let chat_id: ChatID
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let p: Parameters = try call.decode()
        let bot = call.account
        let boosts = try await call.engine.store.read { store -> UserChatBoosts in
            let now = call.engine.clock.now()
            let group: Group
            switch try Outbox.destination(p.chat_id, from: bot, in: store) {
            case .privateChat: throw APIError.badRequest("BOOST_PEER_INVALID")
            case .group(let found): group = found
            }
            let member = try Groups.membership(of: bot.id, in: group, now: now, in: store)
            guard member?.isAdministrator == true else { throw APIError.badRequest("CHAT_ADMIN_REQUIRED") }
            guard let user = try store.account(id: userID), !user.isDeleted else { return UserChatBoosts(boosts: []) }
            let boosts = try ChatBoosts.boosts(of: user.id, in: group, now: now, store: store)
            return UserChatBoosts(boosts: boosts.map { ChatBoosts.view($0, booster: user) })
        }
        return MethodResult(boosts)
    }
}
