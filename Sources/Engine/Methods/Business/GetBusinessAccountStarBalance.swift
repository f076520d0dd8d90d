import BotAPI
import Storage

/// `getBusinessAccountStarBalance`: the business account's Telegram Stars (right
/// `can_view_gifts_and_stars`).
enum GetBusinessAccountStarBalance: APIMethod {
    static let name = "getBusinessAccountStarBalance"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let bot = call.account
        let id = call.businessConnectionID
        let balance = try await call.engine.store.read { store in
            let access = try BusinessConnections.resolve(id, bot: bot, requiring: .viewGiftsAndStars, in: store)
            return try store.starBalance(accountID: access.user.id)
        }
        return MethodResult(StarAmount(amount: Int(balance)))
    }
}
