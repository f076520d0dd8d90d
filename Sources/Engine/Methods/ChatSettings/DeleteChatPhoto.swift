import BotAPI
import Storage

/// `deleteChatPhoto` (bots and users): removes the chat photo and posts
/// `delete_chat_photo`; a chat without one answers Telegram's "CHAT_NOT_MODIFIED".
enum DeleteChatPhoto: APIMethod {
    static let name = "deleteChatPhoto"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try ChatSettings.chatID(of: call)
        let caller = call.account
        try await call.engine.write { tx in
            var group = try ChatPhotos.group(chatID, caller: caller, now: tx.now, in: tx.store)
            guard group.details.photo != nil else { throw APIError.badRequest("CHAT_NOT_MODIFIED") }
            group.details.photo = nil
            try GroupChats.postService(from: caller, in: &group, tx: tx) { $0.deleteChatPhoto = true }
        }
        return .true
    }
}
