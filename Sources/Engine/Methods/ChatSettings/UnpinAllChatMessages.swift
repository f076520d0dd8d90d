import BotAPI
import Storage

/// `unpinAllChatMessages` (bots and users): clears the chat's pinned messages.
enum UnpinAllChatMessages: APIMethod {
    static let name = "unpinAllChatMessages"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: UnpinAllChatMessagesParameters = try call.decode()
        let caller = call.account
        try await call.engine.write { tx in
            guard var group = try ChatSettings.pinningGroup(
                p.chatId, messageID: nil, missing: "", caller: caller, now: tx.now, in: tx.store)
            else { return try PrivatePins.unpin(nil, all: true, chatID: p.chatId, caller: caller, in: tx.store) }
            group.details.pinnedMessageIDs = []
            try Groups.save(group, in: tx.store)
        }
        return .true
    }
}
