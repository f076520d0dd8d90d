import BotAPI
import Storage

/// `getBusinessAccountGifts`: every gift the business account holds (right
/// `can_view_gifts_and_stars`), as its owner sees them (with `owned_gift_id`, which the
/// bot's `convertGiftToStars`, `upgradeGift` and `transferGift` take), with the spec's
/// filters and paging (``GiftOwnership/page(of:filter:offset:limit:isOwner:viewer:tx:)``).
enum GetBusinessAccountGifts: APIMethod {
    static let name = "getBusinessAccountGifts"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let bot = call.account
        let id = call.businessConnectionID
        let filter = GiftOwnership.Filter(call.parameters)
        let offset = call.parameters["offset"]
        let limit = call.parameters["limit"].map(LenientParse.integer) ?? 100
        let page = try await call.engine.write { tx in
            let access = try BusinessConnections.resolve(id, bot: bot, requiring: .viewGiftsAndStars, in: tx.store)
            return try GiftOwnership.page(
                of: access.user.id, filter: filter, offset: offset, limit: limit, isOwner: true, viewer: bot, tx: tx)
        }
        return MethodResult(page)
    }
}
