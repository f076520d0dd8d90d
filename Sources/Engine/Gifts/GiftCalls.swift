import BotAPI
import Storage

extension MethodCall {
    /// Whose gifts an owner's method (`convertGiftToStars`, `upgradeGift`, `transferGift`)
    /// acts on: a bot's call names a business account by `business_connection_id` and needs
    /// `right` (and `can_transfer_stars` when it pays Stars); a user acts on their own.
    func giftOwner(requiring right: BusinessRight, paying starCount: Int64 = 0, in store: any StoreReader) throws -> AccountRecord {
        guard case .bot(let bot) = caller else { return account }
        let access = try BusinessConnections.resolve(businessConnectionID, bot: bot, requiring: right, in: store)
        if starCount > 0 { try access.require(.transferStars) }
        return access.user
    }
}
