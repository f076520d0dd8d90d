import BotAPI
import Storage

/// `readChatHistory` (users): marks a chat read up to `message_id` (default: its newest
/// message), for `getChats`' unread counts. Read marks only move forward.
enum ReadChatHistory: APIMethod {
    static let name = "readChatHistory"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let chat_id: ChatID
        let message_id: Int?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        if call.parameters["chat_id"] == nil { throw APIError.badRequest("chat_id is empty") }
        let p: Parameters = try call.decode()
        let user = call.account
        try await call.engine.write { tx in
            let open = try ChatHistory.chat(p.chat_id, for: user, now: tx.now, in: tx.store)
            try ChatHistory.markRead(upTo: p.message_id.map(Int64.init) ?? open.chat.lastMessageID, by: user.id, in: open.chat, tx: tx.store)
        }
        return .true
    }
}
