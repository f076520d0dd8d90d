import BotAPI
import Foundation
import Storage

/// Boosts: a Premium user boosts a supergroup or channel (the user surface's `boostChat`),
/// the chat's administrator bots get `chat_boost`, and `removed_chat_boost` when the user
/// takes the boost back (`unboostChat`); bots read one user's boosts with
/// `getUserChatBoosts`. Each user's boosts in a chat are one key of the settings.
enum ChatBoosts {
    /// One boost as stored.
    struct Stored: Codable, Sendable {
        var id: String
        var addDate: Int64
        var expirationDate: Int64
    }

    /// How long a boost lasts: Telegram's lasts as long as the booster's Premium
    /// subscription; accounts here have no subscription term, so a year.
    static let lifetime: Int64 = 365 * 86_400

    private static func key(chat: Int64, user: Int64) -> String { "boosts:\(chat):\(user)" }

    /// The user's boosts of the chat that have not expired, oldest first.
    static func boosts(of user: Int64, in group: Group, now: Int64, store: any StoreReader) throws -> [Stored] {
        (try JSONSetting.load([Stored].self, key(chat: group.chat.id, user: user), from: store) ?? []).filter { $0.expirationDate > now }
    }

    /// The boost as the Bot API shows it; the source is always `premium` (no gift codes or
    /// giveaways here).
    static func view(_ boost: Stored, booster: AccountRecord) -> ChatBoost {
        ChatBoost(
            boostId: boost.id, addDate: Int(boost.addDate), expirationDate: Int(boost.expirationDate),
            source: .premium(ChatBoostSourcePremium(user: Views.user(booster))))
    }

    /// The group `chatID` names for a boost: a supergroup or channel.
    static func boostable(_ chatID: ChatID, user: AccountRecord, in store: any StoreReader) throws -> Group {
        guard case .group(let group) = try Outbox.destination(chatID, from: user, in: store), group.kind != .group else {
            throw APIError.badRequest("BOOST_PEER_INVALID")
        }
        return group
    }

    /// `user` boosts the chat once more: a Premium account only (Telegram's
    /// PREMIUM_ACCOUNT_REQUIRED otherwise). Returns the new boost.
    static func add(by user: AccountRecord, to group: Group, in tx: Transaction) throws -> Stored {
        guard user.isPremium else { throw APIError.badRequest("PREMIUM_ACCOUNT_REQUIRED") }
        var boosts = try boosts(of: user.id, in: group, now: tx.now, store: tx.store)
        let boost = Stored(id: UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased(), addDate: tx.now, expirationDate: tx.now + lifetime)
        boosts.append(boost)
        try JSONSetting.save(boosts, key(chat: group.chat.id, user: user.id), to: tx.store)
        let update = ChatBoostUpdated(chat: Groups.view(group), boost: view(boost, booster: user))
        try tellAdministratorBots(of: group, .chatBoost(chat: group.clientID, update.jsonBytes), in: tx)
        return boost
    }

    /// Takes back every boost `user` gave the chat; returns how many there were.
    static func removeAll(by user: AccountRecord, from group: Group, in tx: Transaction) throws -> Int {
        let boosts = try boosts(of: user.id, in: group, now: tx.now, store: tx.store)
        guard !boosts.isEmpty else { return 0 }
        try JSONSetting.save(Optional<[Stored]>.none, key(chat: group.chat.id, user: user.id), to: tx.store)
        for boost in boosts {
            let removed = ChatBoostRemoved(
                chat: Groups.view(group), boostId: boost.id, removeDate: Int(tx.now),
                source: .premium(ChatBoostSourcePremium(user: Views.user(user))))
            try tellAdministratorBots(of: group, .removedChatBoost(chat: group.clientID, removed.jsonBytes), in: tx)
        }
        return boosts.count
    }

    /// Boost updates go to the bots that administer the chat, as on Telegram.
    private static func tellAdministratorBots(of group: Group, _ delivery: UpdateDelivery, in tx: Transaction) throws {
        for member in try Groups.presentMembers(of: group, now: tx.now, in: tx.store) where member.isAdministrator {
            guard let bot = try tx.store.account(id: member.accountID), bot.isBot else { continue }
            try tx.enqueue(delivery, for: bot.id)
        }
    }
}
