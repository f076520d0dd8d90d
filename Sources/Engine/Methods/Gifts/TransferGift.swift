import BotAPI
import Storage

/// `transferGift`: gives a unique gift to another user or a channel
/// (``GiftOwnership/transfer(_:of:to:starCount:tx:)``). A user transfers their own gifts
/// (TDLib's `transferGift`, no `business_connection_id`), paying from their balance.
enum TransferGift: APIMethod {
    static let name = "transferGift"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let ownedGiftID = call.parameters["owned_gift_id"]
        let newOwnerID = call.parameters["new_owner_chat_id"].map(LenientParse.integer) ?? 0
        let starCount = Int64(min(max(call.parameters["star_count"].map(LenientParse.integer) ?? 0, 0), 1_000_000))
        let user = call.account
        try await call.engine.write { tx in
            let newOwner = try GiftOwnership.newOwner(newOwnerID, viewer: user, in: tx.store)
            try GiftOwnership.transfer(ownedGiftID, of: user, to: newOwner, starCount: starCount, tx: tx)
        }
        return .true
    }
}
