import BotAPI
import Storage

/// `createForumTopic` (bots and users): opens a topic with a `forum_topic_created`
/// message, whose id becomes the topic's `message_thread_id`.
enum CreateForumTopic: APIMethod {
    static let name = "createForumTopic"
    static let surfaces: Set<Surface> = [.bot, .user]

    struct Parameters: Decodable {
        let chat_id: ChatID
        let name: String?
        let icon_color: Int?
        let icon_custom_emoji_id: String?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let caller = call.account
        let topic = try await call.engine.write { tx in
            var (group, member) = try ForumTopics.forum(p.chat_id, caller: caller, now: tx.now, in: tx.store)
            try ChatAccess(account: caller, member: member, group: group)
                .require(.manageTopics, otherwise: "not enough rights to create a topic")
            let name = ChatSettings.cleanName(p.name ?? "", limit: 128)
            guard !name.isEmpty else { throw APIError.badRequest("title must be non-empty") }
            let emoji = p.icon_custom_emoji_id.flatMap { $0.isEmpty ? nil : $0 }
            try TopicIcons.requireIcon(emoji, in: tx.store)
            let topic = StoredTopic(
                id: Int(group.chat.lastMessageID) + 1, name: name, iconColor: p.icon_color ?? ForumTopics.colors[0],
                iconCustomEmojiID: emoji, creatorID: caller.id)
            var forum = group.details.forum ?? ForumState()
            forum.topics.append(topic)
            group.details.forum = forum
            try ForumTopics.postService(from: caller, in: &group, threadID: topic.id, tx: tx) { message in
                message.forumTopicCreated = ForumTopicCreated(name: name, iconColor: topic.iconColor, iconCustomEmojiId: emoji)
            }
            return ForumTopics.view(topic)
        }
        return MethodResult(topic)
    }
}
