import BotAPI
import Storage

/// Closing and reopening topics, General included: what the four methods share.
enum TopicClosing {
    struct Parameters: Decodable {
        let chat_id: ChatID
        let message_thread_id: Int?
    }

    /// Sets topic `threadID` (nil: General) closed or open and posts
    /// `forum_topic_closed`/`forum_topic_reopened` in it. A topic already in that state is
    /// "TOPIC_NOT_MODIFIED".
    static func set(closed: Bool, general: Bool, _ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let caller = call.account
        try await call.engine.write { tx in
            var (group, member) = try ForumTopics.forum(p.chat_id, caller: caller, now: tx.now, in: tx.store)
            var forum = group.details.forum ?? ForumState()
            var threadID: Int?
            if general {
                try ForumTopics.requireEditor(member, caller, of: nil, in: group, error: "not enough rights to close or reopen the topic")
                guard forum.generalClosed != closed else { throw APIError.badRequest("TOPIC_NOT_MODIFIED") }
                forum.generalClosed = closed
            } else {
                guard let id = p.message_thread_id else { throw APIError.badRequest("message thread not found") }
                let index = try ForumTopics.index(of: id, in: group)
                try ForumTopics.requireEditor(
                    member, caller, of: forum.topics[index], in: group, error: "not enough rights to close or reopen the topic")
                guard forum.topics[index].isClosed != closed else { throw APIError.badRequest("TOPIC_NOT_MODIFIED") }
                forum.topics[index].isClosed = closed
                threadID = id
            }
            group.details.forum = forum
            try ForumTopics.postService(from: caller, in: &group, threadID: threadID, tx: tx) { message in
                if closed { message.forumTopicClosed = ForumTopicClosed() } else { message.forumTopicReopened = ForumTopicReopened() }
            }
        }
        return .true
    }
}
