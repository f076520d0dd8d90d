import BotAPI
import Storage

/// `getChatGifts` (bots and users): the gifts a chat holds (a channel's, bought with
/// `sendGift`), or a user's when `chat_id` is a private chat, with the spec's filters and
/// paging. Nobody here manages a chat's gifts, so none shows an `owned_gift_id`.
enum GetChatGifts: APIMethod {
    static let name = "getChatGifts"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let raw = call.parameters["chat_id"], !raw.isEmpty else { throw APIError.badRequest("chat_id is empty") }
        guard let chatID = ChatID(parsing: raw) else { throw APIError.badRequest("chat not found") }
        let caller = call.account
        let filter = GiftOwnership.Filter(call.parameters)
        let offset = call.parameters["offset"]
        let limit = call.parameters["limit"].map(LenientParse.integer) ?? 100
        let page = try await call.engine.write { tx in
            let ownerID: Int64
            switch try Outbox.destination(chatID, from: caller, in: tx.store) {
            case .group(let group): ownerID = group.clientID
            case .privateChat(let peer): ownerID = peer.id
            }
            return try GiftOwnership.page(
                of: ownerID, filter: filter, offset: offset, limit: limit, isOwner: false, viewer: caller, tx: tx)
        }
        return MethodResult(page)
    }
}
