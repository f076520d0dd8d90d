import BotAPI
import Storage

/// `unpinAllGeneralForumTopicMessages` (bots and users): unpins every message of General.
enum UnpinAllGeneralForumTopicMessages: APIMethod {
    static let name = "unpinAllGeneralForumTopicMessages"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: UnpinAllGeneralForumTopicMessagesParameters = try call.decode()
        let caller = call.account
        try await call.engine.write { tx in
            var (group, member) = try ForumTopics.forum(p.chatId, caller: caller, now: tx.now, in: tx.store)
            try ChatAccess(account: caller, member: member, group: group)
                .require(.pinMessages, otherwise: "not enough rights to manage pinned messages in the chat")
            try ForumTopics.unpinAll(in: &group, threadID: nil, tx: tx)
        }
        return .true
    }
}
