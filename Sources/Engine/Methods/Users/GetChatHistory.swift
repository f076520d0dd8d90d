import BotAPI
import Storage

/// `getChatHistory` (users): a page of a chat's messages as the user sees them, oldest
/// first: the `limit` messages just before `from_message_id` (0: the newest), optionally
/// only those of one forum topic. Each message carries its reactions as the user sees them
/// (`reactions`, see ``Reactions/Tally``), which the Bot API's Message has no field for.
enum GetChatHistory: APIMethod {
    static let name = "getChatHistory"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let chat_id: ChatID
        let from_message_id: Int?
        let limit: Int?
        let message_thread_id: Int?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        if call.parameters["chat_id"] == nil { throw APIError.badRequest("chat_id is empty") }
        let p: Parameters = try call.decode()
        let limit = min(max(p.limit ?? 50, 1), 100)
        let from = p.from_message_id.map { $0 <= 0 ? Int64.max : Int64($0) } ?? Int64.max
        let user = call.account
        let now = call.engine.clock.now()
        let messages = try await call.engine.store.read { tx -> [ExtendedObject<Message>] in
            let open = try ChatHistory.chat(p.chat_id, for: user, now: now, in: tx)
            let lists = try ChatHistory.lists(tx)
            var page: [ExtendedObject<Message>] = []
            var before = from
            // A topic's messages are picked out of the chat's, a bounded number of batches at a time.
            for _ in 0..<20 where page.count < limit {
                let batch = try lists.messages(chatID: open.chat.id, before: before, limit: p.message_thread_id == nil ? limit : 200)
                for record in batch where page.count < limit {
                    let message = try ChatHistory.view(record, in: open.chat, for: user, in: tx)
                    if let thread = p.message_thread_id, message.messageThreadId != thread && message.messageId != thread { continue }
                    let reactions = try Reactions.tallies(chatID: open.chat.id, messageID: record.messageID, for: user.id, in: tx)
                    page.append(ExtendedObject(message, [("reactions", reactions.isEmpty ? nil : reactions.jsonBytes)]))
                }
                guard let oldest = batch.last, batch.count == (p.message_thread_id == nil ? limit : 200) else { break }
                before = oldest.messageID
            }
            return page.reversed()
        }
        return MethodResult(messages)
    }
}
