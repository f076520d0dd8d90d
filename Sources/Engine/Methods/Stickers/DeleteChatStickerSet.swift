import BotAPI
import Storage

/// `deleteChatStickerSet` (bots and users): removes a supergroup's sticker set.
enum DeleteChatStickerSet: APIMethod {
    static let name = "deleteChatStickerSet"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try ChatSettings.chatID(of: call)
        let caller = call.account
        try await call.engine.write { tx in
            let group = try ChatStickerSets.editable(chatID, caller: caller, now: tx.now, in: tx.store)
            try tx.store.setChatStickerSet(chatID: group.chat.id, setID: nil)
        }
        return .true
    }
}
