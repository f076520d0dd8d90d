import BotAPI
import Storage

/// `convertGiftToStars`: converts a regular gift to Stars (``GiftOwnership/convert(_:of:tx:)``),
/// which join the owner's balance. A bot converts a business account's gifts (right
/// `can_convert_gifts_to_stars`); a user their own (TDLib's `sellGift`, no
/// `business_connection_id`).
enum ConvertGiftToStars: APIMethod {
    static let name = "convertGiftToStars"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let ownedGiftID = call.parameters["owned_gift_id"]
        try await call.engine.write { tx in
            let owner = try call.giftOwner(requiring: .convertGiftsToStars, in: tx.store)
            try GiftOwnership.convert(ownedGiftID, of: owner, tx: tx)
        }
        return .true
    }
}
