import BotAPI
import Foundation
import Storage

/// What the user's `sendInlineQuery` returns (USER-API.md):
/// `{"query_id", "results", "next_offset"?, "button"?, "cache_time", "is_personal"}`, the
/// results and button as the bot gave them.
struct InlineQueryAnswer: Sendable, Codable, JSONWritable {
    var queryID: String
    var results: [String]
    var nextOffset: String?
    var button: String?
    var cacheTime: Int
    var isPersonal: Bool

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("query_id", queryID)
        writer.key("results")
        writer.beginArray()
        for result in results { writer.rawValue(result) }
        writer.endArray()
        writer.optionalMember("next_offset", nextOffset)
        if let button {
            writer.key("button")
            writer.rawValue(button)
        }
        writer.member("cache_time", cacheTime)
        writer.member("is_personal", isPersonal)
        writer.endObject()
    }
}

/// An inline query as stored from the moment it is sent (``InlineRecord/Kind/answer``,
/// keyed by the query id), and the bot's answer once it is given. Sending a result later
/// reads the results from here.
struct StoredInlineQuery: Codable, Sendable {
    var userID: Int64
    var query: String
    var offset: String
    /// The `chat_type` the bot was told, if any.
    var chatType: String?
    var answered = false
    /// Each result object as JSON text.
    var results: [String] = []
    var nextOffset: String?
    var button: String?
    var cacheTime = 0
    var isPersonal = false

    /// The Web App the answer's `button` opens, if it is a `web_app` button.
    var buttonWebApp: WebAppInfo? {
        guard let button, let object = try? JSONSerialization.jsonObject(with: Data(button.utf8)) as? [String: Any],
              let webApp = object["web_app"] as? [String: Any], let url = webApp["url"] as? String
        else { return nil }
        return WebAppInfo(url: url)
    }

    func answer(queryID: String) -> InlineQueryAnswer {
        InlineQueryAnswer(
            queryID: queryID, results: results, nextOffset: nextOffset, button: button, cacheTime: cacheTime, isPersonal: isPersonal)
    }
}

/// Inline queries: from the user's `sendInlineQuery` to the bot's `answerInlineQuery`, the
/// answer cache, and what a chosen result's query looked like.
enum InlineQueries {
    /// How long the official server keeps an undelivered `inline_query` (behaviour.md §3.5):
    /// a user waits at most this long, and the query can't be answered later.
    static let queryLifetime: Int64 = 30
    /// How long the results of an answer can be sent with `sendInlineResult`.
    static let resultLifetime: Int64 = 86400
    /// answerInlineQuery's `cache_time` (behaviour.md §5).
    static let defaultCacheTime = 300
    static let maxCacheTime = 86400
    /// `next_offset` is at most 64 bytes.
    static let maxNextOffsetBytes = 64
    /// Telegram clients send queries of at most 256 characters.
    static let maxQueryLength = 256

    /// The `chat_type` of an inline query sent from `destination` (behaviour.md §8): "sender"
    /// in the private chat with the bot itself.
    static func chatType(of destination: Outbox.Destination, bot: AccountRecord) -> String {
        switch destination {
        case .privateChat(let peer): return peer.id == bot.id ? "sender" : "private"
        case .group(let group): return group.chat.kind.rawValue
        }
    }

    /// Refuses inline mode where `user` may not use it: a channel it can't post in, or a
    /// group whose permissions (or the user's restrictions) deny `can_send_other_messages`,
    /// the right that covers inline bots.
    static func requireInlineAllowed(for user: AccountRecord, in group: Group, now: Int64, store: any StoreReader) throws {
        let member = try Groups.requirePresence(of: user, in: group, now: now, in: store)
        var text = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: group.chat.kind.rawValue))
        text.text = "inline"
        try GroupChats.requireRightToSend(text, member: member, in: group)
        guard !member.isAdministrator, !group.isChannel else { return }
        let permissions = member.status == .restricted
            ? (member.decodedDetails.permissions ?? ChatPermissions())
            : (group.details.permissions ?? ChatPermissionsDefaults.members)
        guard permissions.canSendOtherMessages ?? false else { throw APIError.badRequest("CHAT_SEND_INLINE_FORBIDDEN") }
    }

    /// The cache entry of an answer: per bot, query, offset and chat type, and per user
    /// when the answer is personal.
    static func cacheKey(botID: Int64, userID: Int64?, query: String, offset: String, chatType: String?) -> String {
        "\(botID):\(userID ?? 0):\(chatType ?? ""):\(offset.utf8.count):\(offset):\(query)"
    }

    /// A cached answer for this query, personal ones first, or nil.
    static func cached(
        botID: Int64, userID: Int64, query: String, offset: String, chatType: String?, now: Int64, in store: any StoreReader
    ) throws -> InlineQueryAnswer? {
        for owner in [userID, nil] {
            let key = cacheKey(botID: botID, userID: owner, query: query, offset: offset, chatType: chatType)
            guard let entry = try store.inlineRecord(kind: .cache, id: key, now: now) else { continue }
            let queryID = String(decoding: entry.value, as: UTF8.self)
            if let found = try load(queryID, now: now, in: store), found.query.answered { return found.query.answer(queryID: queryID) }
        }
        return nil
    }

    /// The stored query `queryID` and the bot it was sent to.
    static func load(_ queryID: String, now: Int64, in store: any StoreReader) throws -> (botID: Int64, query: StoredInlineQuery)? {
        guard let record = try store.inlineRecord(kind: .answer, id: queryID, now: now),
              let query = try? JSONDecoder().decode(StoredInlineQuery.self, from: record.value)
        else { return nil }
        return (record.botID, query)
    }

    /// Stores `query` under `queryID` until `expiresAt`.
    static func save(_ query: StoredInlineQuery, queryID: String, botID: Int64, expiresAt: Int64, in store: any StoreWriter) throws {
        try store.save(InlineRecord(kind: .answer, id: queryID, botID: botID, expiresAt: expiresAt, value: try JSONEncoder().encode(query)))
    }

    /// Stores the bot's answer to `queryID` and, when `cache_time` allows, caches it for the
    /// same query. Expired inline state is swept along.
    static func storeAnswer(_ query: StoredInlineQuery, queryID: String, botID: Int64, in tx: Transaction) throws {
        try tx.store.deleteExpiredInlineRecords(now: tx.now, limit: 100)
        try save(query, queryID: queryID, botID: botID, expiresAt: tx.now + resultLifetime, in: tx.store)
        guard query.cacheTime > 0 else { return }
        let key = cacheKey(
            botID: botID, userID: query.isPersonal ? query.userID : nil, query: query.query, offset: query.offset, chatType: query.chatType)
        try tx.store.save(InlineRecord(kind: .cache, id: key, botID: botID, expiresAt: tx.now + Int64(query.cacheTime), value: Data(queryID.utf8)))
    }

    /// The query-id error of answerInlineQuery (behaviour.md §2.12).
    static let tooOld = APIError.badRequest("query is too old and response timeout expired or query ID is invalid")
}
