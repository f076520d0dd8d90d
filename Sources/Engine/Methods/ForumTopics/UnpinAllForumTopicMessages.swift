import BotAPI
import Storage

/// `unpinAllForumTopicMessages` (bots and users): unpins every message of one topic.
enum UnpinAllForumTopicMessages: APIMethod {
    static let name = "unpinAllForumTopicMessages"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: UnpinAllForumTopicMessagesParameters = try call.decode()
        let caller = call.account
        try await call.engine.write { tx in
            var (group, member) = try ForumTopics.forum(p.chatId, caller: caller, now: tx.now, in: tx.store)
            _ = try ForumTopics.index(of: p.messageThreadId, in: group)
            try ChatAccess(account: caller, member: member, group: group)
                .require(.pinMessages, otherwise: "not enough rights to manage pinned messages in the chat")
            try ForumTopics.unpinAll(in: &group, threadID: p.messageThreadId, tx: tx)
        }
        return .true
    }
}
