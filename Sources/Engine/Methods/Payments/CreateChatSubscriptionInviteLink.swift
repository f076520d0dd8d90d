import BotAPI
import Storage

/// `createChatSubscriptionInviteLink` (bots and users with the right to invite): a channel
/// invite link that charges `subscription_price` Stars on joining and every
/// `subscription_period` (30 days) after (see ``ChatSubscriptions``).
enum CreateChatSubscriptionInviteLink: APIMethod {
    static let name = "createChatSubscriptionInviteLink"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let chatID = call.parameters["chat_id"].flatMap(ChatID.init(parsing:)) else { throw APIError.badRequest("chat_id is empty") }
        // The official server reads both numbers leniently, clamped; Telegram checks them.
        let period = min(max(call.parameters["subscription_period"].map(LenientParse.integer) ?? 0, 0), 1_000_000_000)
        let price = min(max(call.parameters["subscription_price"].map(LenientParse.integer) ?? 0, 0), 1_000_000)
        let name = call.parameters["name"]
        let caller = call.account
        let link = try await call.engine.write { tx in
            var group = try InviteLinks.managedGroup(chatID, caller: caller, now: tx.now, in: tx.store)
            guard group.isChannel else { throw APIError.badRequest("CHAT_NOT_CHANNEL") }
            let terms = try ChatSubscriptions.terms(period: period, price: price)
            let fields = try InviteLinks.fields(name: name, expireDate: nil, memberLimit: nil, createsJoinRequest: nil, now: tx.now)
            var link = StoredInviteLink(hash: InviteLinks.makeHash(chatID: group.chat.id), creatorID: caller.id, isPrimary: false)
            link.name = fields.name
            link.subscriptionPeriod = terms.period
            link.subscriptionPrice = terms.price
            group.details.invites = group.details.invites ?? InviteState()
            group.details.invites?.links.append(link)
            try Groups.save(group, in: tx.store)
            return try InviteLinks.view(link, in: group, in: tx.store)
        }
        return MethodResult(link)
    }
}
