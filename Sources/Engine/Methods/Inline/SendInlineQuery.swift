import BotAPI
import Foundation
import Storage

/// `sendInlineQuery` (user surface only, USER-API.md): the user types `@bot query`. The bot
/// gets an `inline_query` update; the call waits (default 10 s, parameter `timeout`, at most
/// the query's 30 s lifetime) for the bot's `answerInlineQuery` and returns the answer. An
/// answer the bot allowed to be cached (`cache_time`) is served again for the same query,
/// offset and chat type (and user, when personal) without asking the bot.
enum SendInlineQuery: APIMethod {
    static let name = "sendInlineQuery"
    static let surfaces: Set<Surface> = [.user]

    static let defaultTimeout: Double = 10

    struct Parameters: Decodable {
        var botId: Int64?
        var botUsername: String?
        var query: String?
        var offset: String?
        var chatId: ChatID?
        var timeout: Double?

        enum CodingKeys: String, CodingKey {
            case botId = "bot_id", botUsername = "bot_username", query, offset, chatId = "chat_id", timeout
        }
    }

    /// What the first transaction decided: an answer from the cache, or a query sent.
    private enum Outcome: Sendable {
        case cached(InlineQueryAnswer)
        case sent
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let query = p.query ?? ""
        let offset = p.offset ?? ""
        guard query.count <= InlineQueries.maxQueryLength else { throw APIError.badRequest("QUERY_TOO_LONG") }
        guard offset.utf8.count <= InlineQueries.maxNextOffsetBytes else { throw APIError.badRequest("OFFSET_INVALID") }
        let timeout = min(max(p.timeout ?? defaultTimeout, 0), Double(InlineQueries.queryLifetime))
        let queries = call.engine.inlineQueries
        let queryID = queries.newQueryID()
        let outcome: Outcome
        do {
            outcome = try await call.engine.write { tx in
                let bot = try StartBot.bot(id: p.botId, username: p.botUsername, in: tx.store)
                guard bot.supportsInlineQueries else { throw APIError.badRequest("BOT_INLINE_DISABLED") }
                var chatType: String?
                if let chatID = p.chatId {
                    let destination = try Outbox.destination(chatID, from: user, in: tx.store)
                    if case .group(let group) = destination {
                        try InlineQueries.requireInlineAllowed(for: user, in: group, now: tx.now, store: tx.store)
                    }
                    chatType = InlineQueries.chatType(of: destination, bot: bot)
                }
                if let cached = try InlineQueries.cached(
                    botID: bot.id, userID: user.id, query: query, offset: offset, chatType: chatType, now: tx.now, in: tx.store)
                {
                    return .cached(cached)
                }
                // Opened before the commit, so an answer can never arrive for an unknown query.
                queries.open(queryID, botID: bot.id, userID: user.id)
                let stored = StoredInlineQuery(userID: user.id, query: query, offset: offset, chatType: chatType)
                try InlineQueries.save(stored, queryID: queryID, botID: bot.id, expiresAt: tx.now + InlineQueries.queryLifetime, in: tx.store)
                let update = InlineQuery(id: queryID, from: Views.user(user), query: query, offset: offset, chatType: chatType)
                try tx.enqueue(.inlineQuery(from: user.id, update.jsonBytes), for: bot.id)
                try Visibility.received(user, by: bot, in: tx.store)
                return .sent
            }
        } catch {
            queries.discard(queryID)
            throw error
        }
        if case .cached(let answer) = outcome { return MethodResult(answer) }
        guard let answer = await queries.wait(for: queryID, timeout: .milliseconds(Int(timeout * 1000))) else {
            // A wait ended by the user's token being revoked (or the user deleted) is a 401.
            try await call.engine.requireCurrent(user)
            throw APIError.badRequest("BOT_RESPONSE_TIMEOUT")
        }
        return MethodResult(answer)
    }
}
