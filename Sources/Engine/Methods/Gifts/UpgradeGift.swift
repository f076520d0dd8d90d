import BotAPI
import Storage

/// `upgradeGift`: turns a regular gift into a unique one
/// (``GiftOwnership/upgrade(_:of:keepOriginalDetails:starCount:tx:)``). A user upgrades
/// their own gifts (TDLib's `upgradeGift`, no `business_connection_id`), paying from their
/// balance.
enum UpgradeGift: APIMethod {
    static let name = "upgradeGift"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let ownedGiftID = call.parameters["owned_gift_id"]
        let keep = call.parameters["keep_original_details"].map(LenientParse.bool) ?? false
        // Clamped as the official server reads it (0...1000000).
        let starCount = Int64(min(max(call.parameters["star_count"].map(LenientParse.integer) ?? 0, 0), 1_000_000))
        let user = call.account
        try await call.engine.write { tx in
            _ = try GiftOwnership.upgrade(ownedGiftID, of: user, keepOriginalDetails: keep, starCount: starCount, tx: tx)
        }
        return .true
    }
}
