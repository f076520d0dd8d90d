import BotAPI
import Storage

/// Hiding and unhiding General: hiding also closes it, as on Telegram; each posts
/// `general_forum_topic_hidden`/`general_forum_topic_unhidden`.
enum GeneralTopicVisibility {
    static func set(hidden: Bool, _ call: MethodCall) async throws -> MethodResult {
        let chatID = try ChatSettings.chatID(of: call)
        let caller = call.account
        try await call.engine.write { tx in
            var (group, member) = try ForumTopics.forum(chatID, caller: caller, now: tx.now, in: tx.store)
            try ForumTopics.requireEditor(member, caller, of: nil, in: group, error: "not enough rights to edit the topic")
            var forum = group.details.forum ?? ForumState()
            guard forum.generalHidden != hidden else { throw APIError.badRequest("TOPIC_NOT_MODIFIED") }
            forum.generalHidden = hidden
            if hidden { forum.generalClosed = true }
            group.details.forum = forum
            try ForumTopics.postService(from: caller, in: &group, threadID: nil, tx: tx) { message in
                if hidden { message.generalForumTopicHidden = GeneralForumTopicHidden() } else {
                    message.generalForumTopicUnhidden = GeneralForumTopicUnhidden()
                }
            }
        }
        return .true
    }
}
