import BotAPI
import Storage

/// `getAvailableGifts` (bots and users): the world's gift catalogue (``Gifts``), seeded the
/// first time it is asked for. The gifts' sticker `file_id`s are the caller's to use.
enum GetAvailableGifts: APIMethod {
    static let name = "getAvailableGifts"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await Gifts.ensure(call.engine)
        let caller = call.account
        let listing = try await call.engine.write { tx in try Gifts.catalogue(for: caller, tx: tx) }
        return MethodResult(listing)
    }
}
