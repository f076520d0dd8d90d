import BotAPI
import Foundation
import Storage

/// The topics of a forum supergroup, kept in ``GroupDetails/forum``.
struct ForumState: StoredJSON {
    var topics: [StoredTopic] = []
    /// The General topic's name when renamed; nil is "General".
    var generalName: String?
    var generalClosed = false
    var generalHidden = false
}

/// One topic. Its id is the id of the `forum_topic_created` message that opened it, as on
/// Telegram, so it is also the `message_thread_id` of the messages in it.
struct StoredTopic: StoredJSON {
    var id: Int
    var name: String
    var iconColor: Int
    var iconCustomEmojiID: String?
    var creatorID: Int64
    var isClosed = false
}

/// Forum topics: who may manage them, finding them, and placing messages in them.
enum ForumTopics {
    /// Telegram's six topic icon colours; the first is the default.
    static let colors = [7_322_096, 16_766_590, 13_338_331, 9_367_192, 16_749_490, 16_478_047]
    /// The General topic's thread id, which no message carries.
    static let generalID = 1

    /// The forum `chatID` names and the caller's membership; anything else is "the chat is
    /// not a forum".
    static func forum(_ chatID: ChatID, caller: AccountRecord, now: Int64, in tx: any StoreReader) throws -> (group: Group, member: MemberRecord) {
        let group = try ChatLookup.group(chatID, caller: caller, now: now, privateError: "the chat is not a forum", in: tx)
        let member = try Groups.requirePresence(of: caller, in: group, now: now, in: tx)
        guard group.kind == .supergroup, group.record.isForum else { throw APIError.badRequest("the chat is not a forum") }
        return (group, member)
    }

    /// The index of topic `id` in the forum, or "message thread not found".
    static func index(of id: Int, in group: Group) throws -> Int {
        guard let index = group.details.forum?.topics.firstIndex(where: { $0.id == id }) else {
            throw APIError.badRequest("message thread not found")
        }
        return index
    }

    /// Refuses `caller` unless it manages topics or (for its own topic) created it.
    static func requireEditor(_ member: MemberRecord, _ caller: AccountRecord, of topic: StoredTopic?, in group: Group, error: String) throws {
        if ChatAccess(account: caller, member: member, group: group).may(.manageTopics) { return }
        if let topic, topic.creatorID == caller.id { return }
        throw APIError.badRequest(error)
    }

    /// Posts a service message into topic `threadID` (nil for General).
    @discardableResult
    static func postService(
        from actor: AccountRecord, in group: inout Group, threadID: Int?, tx: Transaction, _ fill: @escaping (inout Message) -> Void
    ) throws -> Message {
        try GroupChats.postService(from: actor, in: &group, tx: tx) { message in
            if let threadID {
                message.messageThreadId = threadID
                message.isTopicMessage = true
            }
            fill(&message)
        }
    }

    /// The topic as the Bot API's `ForumTopic`.
    static func view(_ topic: StoredTopic) -> ForumTopic {
        ForumTopic(messageThreadId: topic.id, name: topic.name, iconColor: topic.iconColor, iconCustomEmojiId: topic.iconCustomEmojiID)
    }

    /// Places a message being sent into its thread: in a forum, `message_thread_id` must
    /// name an open topic (closed ones only take posts from those who manage topics), a
    /// reply joins the replied message's topic, and a message in a topic without a reply
    /// replies to the topic's first message, as Telegram shows it. Elsewhere the thread id
    /// is dropped. Returns the reply target to use.
    static func place(_ message: inout Message, replyTo: Message?, sender: AccountRecord, member: MemberRecord, in group: Group, tx: any StoreReader) throws -> Message? {
        guard group.record.isForum else {
            message.messageThreadId = nil
            message.isTopicMessage = nil
            return replyTo
        }
        var threadID = message.messageThreadId ?? 0
        if threadID == 0, let replyTo, replyTo.isTopicMessage == true, let thread = replyTo.messageThreadId { threadID = thread }
        let forum = group.details.forum ?? ForumState()
        if threadID == 0 {
            message.messageThreadId = nil
            if forum.generalClosed && !ChatAccess(account: sender, member: member, group: group).may(.manageTopics) {
                throw APIError.badRequest("TOPIC_CLOSED")
            }
            return replyTo
        }
        guard threadID != generalID, let topic = forum.topics.first(where: { $0.id == threadID }) else {
            throw APIError.badRequest("message thread not found")
        }
        if topic.isClosed && !ChatAccess(account: sender, member: member, group: group).may(.manageTopics) {
            throw APIError.badRequest("TOPIC_CLOSED")
        }
        message.messageThreadId = topic.id
        message.isTopicMessage = true
        if replyTo != nil { return replyTo }
        guard var opening = try ChatMessages.load(topic.id, in: group.chat, from: tx)?.message else { return nil }
        opening.replyToMessage = nil
        return opening
    }

    /// Whether a stored message belongs to topic `threadID` (nil: General).
    static func isIn(_ message: Message, threadID: Int?) -> Bool {
        if let threadID { return message.isTopicMessage == true && message.messageThreadId == threadID }
        return message.isTopicMessage != true
    }

    /// Drops the pins of one topic's messages.
    static func unpinAll(in group: inout Group, threadID: Int?, tx: Transaction) throws {
        var kept: [Int] = []
        for id in group.details.pinnedMessageIDs {
            if let stored = try ChatMessages.load(id, in: group.chat, from: tx.store), isIn(stored.message, threadID: threadID) { continue }
            kept.append(id)
        }
        group.details.pinnedMessageIDs = kept
        try Groups.save(group, in: tx.store)
    }
}
