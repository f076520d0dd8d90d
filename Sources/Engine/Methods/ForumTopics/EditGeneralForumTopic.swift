import BotAPI
import Storage

/// `editGeneralForumTopic` (bots and users): renames General, recorded as
/// `forum_topic_edited`; needs `can_manage_topics`.
enum EditGeneralForumTopic: APIMethod {
    static let name = "editGeneralForumTopic"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try ChatSettings.chatID(of: call)
        let caller = call.account
        try await call.engine.write { tx in
            var (group, member) = try ForumTopics.forum(chatID, caller: caller, now: tx.now, in: tx.store)
            try ForumTopics.requireEditor(member, caller, of: nil, in: group, error: "not enough rights to edit the topic")
            let name = ChatSettings.cleanName(call.parameters["name"] ?? "", limit: 128)
            guard !name.isEmpty else { throw APIError.badRequest("title must be non-empty") }
            var forum = group.details.forum ?? ForumState()
            guard name != (forum.generalName ?? "General") else { throw APIError.badRequest("TOPIC_NOT_MODIFIED") }
            forum.generalName = name
            group.details.forum = forum
            try ForumTopics.postService(from: caller, in: &group, threadID: nil, tx: tx) { message in
                message.forumTopicEdited = ForumTopicEdited(name: name)
            }
        }
        return .true
    }
}
