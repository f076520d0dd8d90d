import BotAPI
import Storage

/// `pinChatMessage` (bots and users): adds a message to the chat's pinned messages. In
/// groups, supergroups and channels a `pinned_message` service message records it (also
/// with `disable_notification`, which only silences it); in a private chat either party may
/// pin, and getChat shows the latest pin (``PrivatePins``). With `business_connection_id`
/// a bot pins in the business account's chat for it.
enum PinChatMessage: APIMethod {
    static let name = "pinChatMessage"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: PinChatMessageParameters = try call.decode()
        let caller = call.account
        let business = call.businessConnectionID
        try await call.engine.write { tx in
            let missing = "message to pin not found"
            if let business {
                let chat = try PrivatePins.businessChat(
                    p.chatId, connectionID: business, messageID: p.messageId, missing: missing, bot: caller, in: tx.store)
                return try PrivatePins.pin(p.messageId, in: chat, to: tx.store)
            }
            guard var group = try ChatSettings.pinningGroup(
                p.chatId, messageID: p.messageId, missing: missing, caller: caller, now: tx.now, in: tx.store)
            else { return try PrivatePins.pin(p.messageId, chatID: p.chatId, caller: caller, in: tx.store) }
            var pinned = try ChatSettings.message(p.messageId, in: group, missing: missing, in: tx.store)
            group.details.pinnedMessageIDs.removeAll { $0 == p.messageId }
            group.details.pinnedMessageIDs.append(p.messageId)
            pinned.replyToMessage = nil
            try GroupChats.postService(from: caller, in: &group, tx: tx) { message in
                message.pinnedMessage = .message(pinned)
                if let thread = pinned.messageThreadId, pinned.isTopicMessage == true {
                    message.messageThreadId = thread
                    message.isTopicMessage = true
                }
            }
        }
        return .true
    }
}
