import BotAPI
import Storage

/// `transferGift`: gives a unique gift to another user or a channel
/// (``GiftOwnership/transfer(_:of:to:starCount:tx:)``), paid from the owner's balance. A bot
/// transfers a business account's gifts (right `can_transfer_and_upgrade_gifts`, and
/// `can_transfer_stars` to pay); a user their own (TDLib's `transferGift`, no
/// `business_connection_id`).
enum TransferGift: APIMethod {
    static let name = "transferGift"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let ownedGiftID = call.parameters["owned_gift_id"]
        let newOwnerID = call.parameters["new_owner_chat_id"].map(LenientParse.integer) ?? 0
        let starCount = Int64(min(max(call.parameters["star_count"].map(LenientParse.integer) ?? 0, 0), 1_000_000))
        try await call.engine.write { tx in
            let owner = try call.giftOwner(requiring: .transferAndUpgradeGifts, paying: starCount, in: tx.store)
            // The business account names the new owner as the account itself would.
            let newOwner = try GiftOwnership.newOwner(newOwnerID, viewer: owner, in: tx.store)
            try GiftOwnership.transfer(ownedGiftID, of: owner, to: newOwner, starCount: starCount, tx: tx)
        }
        return .true
    }
}
