import BotAPI
import Storage

/// `unpinChatMessage` (bots and users): unpins `message_id`, or the most recent pin when
/// it is omitted (succeeding when nothing is pinned, as the official server does). With
/// `business_connection_id` a bot unpins in the business account's chat for it.
enum UnpinChatMessage: APIMethod {
    static let name = "unpinChatMessage"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: UnpinChatMessageParameters = try call.decode()
        let caller = call.account
        let messageID = p.messageId.flatMap { $0 == 0 ? nil : $0 }
        let business = call.businessConnectionID
        try await call.engine.write { tx in
            let missing = "message to unpin not found"
            if let business {
                let chat = try PrivatePins.businessChat(
                    p.chatId, connectionID: business, messageID: messageID, missing: missing, bot: caller, in: tx.store)
                return try PrivatePins.unpin(messageID, in: chat, to: tx.store)
            }
            guard var group = try ChatSettings.pinningGroup(
                p.chatId, messageID: messageID, missing: missing, caller: caller, now: tx.now, in: tx.store)
            else { return try PrivatePins.unpin(messageID, chatID: p.chatId, caller: caller, in: tx.store) }
            if let messageID {
                _ = try ChatSettings.message(messageID, in: group, missing: missing, in: tx.store)
                group.details.pinnedMessageIDs.removeAll { $0 == messageID }
            } else if !group.details.pinnedMessageIDs.isEmpty {
                group.details.pinnedMessageIDs.removeLast()
            }
            try Groups.save(group, in: tx.store)
        }
        return .true
    }
}
