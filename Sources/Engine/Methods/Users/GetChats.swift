import BotAPI
import Storage

/// `getChats` (users): the user's chats for a chat list, newest activity first: private
/// chats, and the groups, supergroups and channels the user is in, each with its last
/// message, how many messages of others came after the user's read mark, and the reply
/// keyboard or forced reply it shows (``ChatReplyMarkups``).
enum GetChats: APIMethod {
    static let name = "getChats"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let limit: Int?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let limit = min(max(p.limit ?? 100, 1), 500)
        let user = call.account
        let now = call.engine.clock.now()
        let entries = try await call.engine.store.read { tx -> [Entry] in
            let lists = try ChatHistory.lists(tx)
            var entries: [Entry] = []
            for open in try ChatHistory.chats(of: user, now: now, in: tx) {
                let last = try lists.messages(chatID: open.chat.id, before: Int64.max, limit: 1).first
                let mark = try ChatHistory.readMark(of: user.id, in: open.chat, from: tx)
                entries.append(Entry(
                    chat: open.view, peer: open.peer.map(Views.user), status: open.member?.status.rawValue,
                    lastMessage: try last.map { try ChatHistory.view($0, in: open.chat, for: user, in: tx) },
                    unreadCount: try lists.unreadCount(chatID: open.chat.id, after: mark, reader: user.id), readMark: Int(mark),
                    replyMarkup: try ChatReplyMarkups.current(of: user.id, in: open.chat, from: tx)))
            }
            return entries
        }
        let sorted = entries.sorted { ($0.lastMessage?.date ?? 0, $0.chat.id) > ($1.lastMessage?.date ?? 0, $1.chat.id) }
        return MethodResult(Array(sorted.prefix(limit)))
    }

    /// One chat of the list.
    struct Entry: Sendable, JSONWritable {
        let chat: Chat
        /// The other party of a private chat.
        let peer: User?
        /// The user's `ChatMember.status` in a group, supergroup or channel.
        let status: String?
        let lastMessage: Message?
        let unreadCount: Int
        let readMark: Int
        /// The reply keyboard or forced reply the chat shows, and the message that brought it.
        let replyMarkup: ChatReplyMarkups.Current?

        func writeJSON(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("chat", chat)
            writer.optionalMember("user", peer)
            writer.optionalMember("status", status)
            writer.optionalMember("last_message", lastMessage)
            writer.member("unread_count", unreadCount)
            writer.member("last_read_message_id", readMark)
            if let replyMarkup {
                writer.member("reply_markup", replyMarkup.markup)
                writer.member("reply_markup_message_id", Int(replyMarkup.messageID))
            }
            writer.endObject()
        }
    }
}
