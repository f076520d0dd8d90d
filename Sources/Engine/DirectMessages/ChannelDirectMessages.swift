import BotAPI
import Foundation
import Storage

/// The link between a channel and its direct-messages chat, kept in both chats'
/// ``GroupDetails``: on the channel, which chat holds its direct messages and what writing
/// there costs; on the direct-messages chat, its channel.
struct DirectMessagesLink: StoredJSON {
    /// On a channel: the internal id of its direct-messages chat.
    var chatID: Int64?
    /// On a direct-messages chat: the internal id of its channel.
    var channelID: Int64?
    /// On a channel: whether users may write to its direct messages now.
    var enabled = false
    /// On a channel: the Stars each message a user writes there costs (0: free).
    var starCount: Int64 = 0
    /// On a channel: its published suggested posts not paid for yet, by post id, with the
    /// id of their suggestion in the direct-messages chat (deleting one refunds its author).
    var unpaidPosts: [Int: Int]?

    var isDirectMessagesChat: Bool { channelID != nil }
}

/// A channel's direct messages, as on Telegram: a separate supergroup-like chat
/// (`is_direct_messages`, `parent_chat` = the channel) in which every user who writes has a
/// topic of their own, whose id is the user's id (as the official server reports
/// `direct_messages_topic.topic_id`). The channel's owner and its administrators with
/// `can_manage_direct_messages` read and answer every topic; a user sees only theirs.
enum ChannelDirectMessages {
    /// The most Stars a channel may ask per direct message (Telegram's
    /// `paid_message_star_count_max`).
    static let maxStarCount: Int64 = 10_000

    /// Turns the direct messages of `channel` on or off and sets their price. The first time,
    /// the direct-messages chat is created. The channel gets a `direct_message_price_changed`
    /// service message. Returns the direct-messages chat.
    static func configure(_ channel: Group, enabled: Bool, starCount: Int64, by actor: AccountRecord, tx: Transaction) throws -> Group {
        var channel = channel
        var link = channel.details.directMessages ?? DirectMessagesLink()
        var chat: Group
        if let id = link.chatID, let existing = try Groups.load(internalID: id, in: tx.store) {
            chat = existing
        } else {
            let record = try tx.store.insert(ChatRecord(kind: .supergroup))
            var details = GroupDetails()
            details.directMessages = DirectMessagesLink(channelID: channel.chat.id)
            let group = GroupRecord(chatID: record.id, title: channel.record.title, details: Data(details.jsonBytes))
            try tx.store.save(group)
            chat = Group(chat: record, record: group, details: details)
            link.chatID = record.id
        }
        link.enabled = enabled
        link.starCount = enabled ? starCount : 0
        channel.details.directMessages = link
        try Groups.save(channel, in: tx.store)
        try GroupChats.postService(from: actor, in: &channel, tx: tx) { message in
            message.directMessagePriceChanged = DirectMessagePriceChanged(
                areDirectMessagesEnabled: enabled, directMessageStarCount: enabled && starCount > 0 ? Int(starCount) : nil)
        }
        return chat
    }

    /// The channel a direct-messages chat belongs to.
    static func channel(of chat: Group, in tx: any StoreReader) throws -> Group {
        guard let id = chat.details.directMessages?.channelID, let channel = try Groups.load(internalID: id, in: tx) else {
            throw APIError.badRequest("chat not found")
        }
        return channel
    }

    /// Whether a channel membership lets its account read and answer the direct messages:
    /// the owner, or an administrator with `can_manage_direct_messages`.
    static func manages(_ member: MemberRecord?) -> Bool {
        guard let member else { return false }
        if member.status == .creator { return true }
        return member.status == .administrator && Rights.of(member).canManageDirectMessages == true
    }

    /// The accounts that read every topic of the direct messages of `channel`.
    static func managers(of channel: Group, now: Int64, in tx: any StoreReader) throws -> [AccountRecord] {
        try Groups.presentMembers(of: channel, now: now, in: tx).compactMap { member in
            guard manages(member), let account = try tx.account(id: member.accountID), !account.isDeleted else { return nil }
            return account
        }
    }

    /// Whether `viewer` may find the direct-messages chat `chat` by its id: a bot only when it
    /// is or was in the channel (as for any chat, ``Visibility``).
    static func isVisible(_ chat: Group, to viewer: AccountRecord, in tx: any StoreReader) throws -> Bool {
        guard viewer.isBot else { return true }
        guard let channelID = chat.details.directMessages?.channelID else { return false }
        return try tx.member(chatID: channelID, accountID: viewer.id) != nil
    }

    /// The chat as getChat describes it: `is_direct_messages` and its `parent_chat`.
    static func complete(_ info: inout ChatFullInfo, chat: Group, in tx: any StoreReader) throws {
        guard chat.details.directMessages?.isDirectMessagesChat == true else { return }
        info.isDirectMessages = true
        info.parentChat = Groups.view(try channel(of: chat, in: tx))
    }
}
