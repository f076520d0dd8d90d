import BotAPI
import Foundation
import Storage

/// A user's personal channel: the public channel a person shows on their profile (the user
/// surface's `setPersonalChat`), whose latest posts bots read with
/// `getUserPersonalChatMessages`. Kept as one key of the settings per user.
enum PersonalChats {
    /// At most this many messages per call (the official server's limit).
    static let maxLimit = 20

    private static func key(_ user: Int64) -> String { "personal_chat:\(user)" }

    /// The user's personal channel, if it is set and still a public channel.
    static func channel(of user: Int64, in store: any StoreReader) throws -> Group? {
        guard let id = try store.setting(key(user)).flatMap({ Int64($0) }),
              let group = try Groups.load(internalID: id, in: store), group.kind == .channel, group.record.username != nil
        else { return nil }
        return group
    }

    /// Sets the user's personal channel: a public channel they own (Telegram's
    /// CHANNEL_INVALID otherwise); nil clears it.
    static func set(_ chatID: ChatID?, for user: AccountRecord, in tx: Transaction) throws {
        guard let chatID else { return try tx.store.setSetting(key(user.id), "") }
        guard case .group(let group) = try Outbox.destination(chatID, from: user, in: tx.store), group.kind == .channel,
              group.record.username != nil,
              try Groups.membership(of: user.id, in: group, now: tx.now, in: tx.store)?.status == .creator
        else { throw APIError.badRequest("CHANNEL_INVALID") }
        try tx.store.setSetting(key(user.id), String(group.chat.id))
    }

    /// The latest `limit` posts of the user's personal channel, newest first, as `viewer`
    /// sees them (service messages, such as the channel's creation, are not posts); none
    /// when the user has no personal channel.
    static func messages(of user: Int64, limit: Int, viewer: AccountRecord, in store: any StoreReader) throws -> [Message] {
        guard let group = try channel(of: user, in: store) else { return [] }
        let lists = try ChatHistory.lists(store)
        var posts: [Message] = []
        var before = Int64.max
        while posts.count < limit {
            let records = try lists.messages(chatID: group.chat.id, before: before, limit: limit)
            for record in records {
                let message = try ChatHistory.view(record, in: group.chat, for: viewer, in: store)
                if !GroupChats.isService(message) && posts.count < limit { posts.append(message) }
            }
            guard records.count == limit, let last = records.last else { break }
            before = last.messageID
        }
        return posts
    }
}
