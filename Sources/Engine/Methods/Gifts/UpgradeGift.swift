import BotAPI
import Storage

/// `upgradeGift`: turns a regular gift into a unique one
/// (``GiftOwnership/upgrade(_:of:keepOriginalDetails:starCount:tx:)``), paid from the
/// owner's balance. A bot upgrades a business account's gifts (right
/// `can_transfer_and_upgrade_gifts`, and `can_transfer_stars` to pay); a user their own
/// (TDLib's `upgradeGift`, no `business_connection_id`).
enum UpgradeGift: APIMethod {
    static let name = "upgradeGift"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let ownedGiftID = call.parameters["owned_gift_id"]
        let keep = call.parameters["keep_original_details"].map(LenientParse.bool) ?? false
        // Clamped as the official server reads it (0...1000000).
        let starCount = Int64(min(max(call.parameters["star_count"].map(LenientParse.integer) ?? 0, 0), 1_000_000))
        try await call.engine.write { tx in
            let owner = try call.giftOwner(requiring: .transferAndUpgradeGifts, paying: starCount, in: tx.store)
            _ = try GiftOwnership.upgrade(ownedGiftID, of: owner, keepOriginalDetails: keep, starCount: starCount, tx: tx)
        }
        return .true
    }
}
