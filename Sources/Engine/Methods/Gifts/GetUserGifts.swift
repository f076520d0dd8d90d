import BotAPI
import Storage

/// `getUserGifts` (bots and users): the gifts a user shows on their profile, newest first,
/// with the spec's filters and paging (``GiftOwnership/page(of:filter:offset:limit:isOwner:viewer:tx:)``).
/// A user asking for their own sees every gift they hold, and what they may do with each
/// (`owned_gift_id`, `convert_star_count`, `can_be_upgraded`…), as their app does.
enum GetUserGifts: APIMethod {
    static let name = "getUserGifts"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = call.parameters["user_id"].map(LenientParse.integer) ?? 0
        guard userID > 0 else { throw APIError.badRequest("invalid user_id specified") }
        let caller = call.account
        let isOwner = Int64(userID) == caller.id
        var asked = GiftOwnership.Filter(call.parameters)
        // The official server asks for saved gifts only: a profile shows no others.
        if !isOwner { asked.excludeUnsaved = true }
        let filter = asked
        let offset = call.parameters["offset"]
        let limit = call.parameters["limit"].map(LenientParse.integer) ?? 100
        let page = try await call.engine.write { tx in
            guard let user = try Visibility.account(id: Int64(userID), viewer: caller, in: tx.store), !user.isDeleted else {
                throw APIError.badRequest("user not found")
            }
            return try GiftOwnership.page(of: user.id, filter: filter, offset: offset, limit: limit, isOwner: isOwner, viewer: caller, tx: tx)
        }
        return MethodResult(page)
    }
}
