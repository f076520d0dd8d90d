import BotAPI
import Storage

/// `deleteForumTopic` (bots and users): removes a topic with all its messages; needs
/// `can_delete_messages`.
enum DeleteForumTopic: APIMethod {
    static let name = "deleteForumTopic"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: DeleteForumTopicParameters = try call.decode()
        let caller = call.account
        try await call.engine.write { tx in
            var (group, member) = try ForumTopics.forum(p.chatId, caller: caller, now: tx.now, in: tx.store)
            let index = try ForumTopics.index(of: p.messageThreadId, in: group)
            try ChatAccess(account: caller, member: member, group: group)
                .require(.deleteMessages, otherwise: "not enough rights to delete the topic")
            let topicID = group.details.forum!.topics.remove(at: index).id
            // Messages of a topic all come after its opening message.
            var deleted: Set<Int> = []
            for id in topicID ... max(topicID, Int(group.chat.lastMessageID)) {
                guard let stored = try ChatMessages.load(id, in: group.chat, from: tx.store),
                      ForumTopics.isIn(stored.message, threadID: topicID)
                else { continue }
                try tx.store.deleteMessage(chatID: group.chat.id, messageID: Int64(id))
                deleted.insert(id)
            }
            group.details.pinnedMessageIDs.removeAll { deleted.contains($0) }
            try Groups.save(group, in: tx.store)
        }
        return .true
    }
}
