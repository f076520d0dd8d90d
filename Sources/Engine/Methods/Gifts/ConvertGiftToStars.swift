import BotAPI
import Storage

/// `convertGiftToStars`: converts a regular gift to Stars (``GiftOwnership/convert(_:of:tx:)``).
/// A user converts their own gifts (TDLib's `sellGift`, no `business_connection_id`).
enum ConvertGiftToStars: APIMethod {
    static let name = "convertGiftToStars"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let ownedGiftID = call.parameters["owned_gift_id"]
        let user = call.account
        try await call.engine.write { tx in try GiftOwnership.convert(ownedGiftID, of: user, tx: tx) }
        return .true
    }
}
