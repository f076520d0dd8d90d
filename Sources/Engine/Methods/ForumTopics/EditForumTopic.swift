import BotAPI
import Storage

/// `editForumTopic` (bots and users): renames a topic or changes its icon, recorded as
/// `forum_topic_edited` in the topic. Administrators need `can_manage_topics` unless they
/// created the topic.
enum EditForumTopic: APIMethod {
    static let name = "editForumTopic"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: EditForumTopicParameters = try call.decode()
        let caller = call.account
        try await call.engine.write { tx in
            var (group, member) = try ForumTopics.forum(p.chatId, caller: caller, now: tx.now, in: tx.store)
            let index = try ForumTopics.index(of: p.messageThreadId, in: group)
            var topic = group.details.forum!.topics[index]
            try ForumTopics.requireEditor(member, caller, of: topic, in: group, error: "not enough rights to edit the topic")
            let name = p.name.map { ChatSettings.cleanName($0, limit: 128) }.flatMap { $0.isEmpty ? nil : $0 }
            var edited = ForumTopicEdited()
            if let name, name != topic.name {
                topic.name = name
                edited.name = name
            }
            if let emoji = p.iconCustomEmojiId, emoji != (topic.iconCustomEmojiID ?? "") {
                try TopicIcons.requireIcon(emoji, in: tx.store)
                topic.iconCustomEmojiID = emoji.isEmpty ? nil : emoji
                edited.iconCustomEmojiId = emoji
            }
            guard edited.name != nil || edited.iconCustomEmojiId != nil else { throw APIError.badRequest("TOPIC_NOT_MODIFIED") }
            group.details.forum!.topics[index] = topic
            try ForumTopics.postService(from: caller, in: &group, threadID: topic.id, tx: tx) { $0.forumTopicEdited = edited }
        }
        return .true
    }
}
