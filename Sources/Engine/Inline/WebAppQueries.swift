import BotAPI
import Foundation
import Storage

/// Web App queries: a Mini App opened by a user (the user surface's `openWebApp`) gets a
/// `query_id` in its init data, and the bot answers it once with `answerWebAppQuery`, which
/// sends a message from the user via the bot into the chat the app was opened from.
///
/// `openWebApp` calls ``issueWebAppQuery(user:bot:chat:in:)`` (or the engine's async
/// ``Engine/issueWebAppQuery(user:bot:chat:)``) to get the id it puts into the init data.
enum WebAppQueries {
    /// How long a query can be answered: an hour (a Mini App's session).
    static let lifetime: Int64 = 3600

    /// A query id handed out, and until when it can be answered (Unix time).
    struct Issued: Sendable, Equatable {
        var queryID: String
        var expiresAt: Int64
    }

    /// A query as stored (``InlineRecord/Kind/webAppQuery``).
    struct Stored: Codable, Sendable {
        var userID: Int64
        /// The chat the app was opened from, as the user calls it; nil for the private chat
        /// with the bot (menu button, attachment menu, reply keyboard).
        var chatID: Int64?
    }

    /// Issues a new query of `user` to `bot`; `chat` is where the app was opened, as the
    /// user calls that chat (nil: the private chat with the bot).
    static func issueWebAppQuery(user: AccountRecord, bot: AccountRecord, chat: Int64?, in tx: Transaction) throws -> Issued {
        let issued = Issued(queryID: InlineMessages.newID(), expiresAt: tx.now + lifetime)
        let value = try JSONEncoder().encode(Stored(userID: user.id, chatID: chat))
        try tx.store.save(InlineRecord(kind: .webAppQuery, id: issued.queryID, botID: bot.id, expiresAt: issued.expiresAt, value: value))
        return issued
    }

    /// Takes the query `queryID` of `botID` for answering: it exists, is unexpired and was
    /// not answered yet. It can't be answered again.
    static func take(_ queryID: String, botID: Int64, in tx: Transaction) throws -> Stored {
        guard let record = try tx.store.inlineRecord(kind: .webAppQuery, id: queryID, now: tx.now), record.botID == botID,
              let stored = try? JSONDecoder().decode(Stored.self, from: record.value)
        else { throw InlineQueries.tooOld }
        try tx.store.deleteInlineRecord(kind: .webAppQuery, id: queryID)
        return stored
    }
}

extension Engine {
    /// Issues a Web App query of `user` to `bot` in its own transaction; see
    /// ``WebAppQueries/issueWebAppQuery(user:bot:chat:in:)``.
    func issueWebAppQuery(user: AccountRecord, bot: AccountRecord, chat: Int64?) async throws -> WebAppQueries.Issued {
        try await write { tx in try WebAppQueries.issueWebAppQuery(user: user, bot: bot, chat: chat, in: tx) }
    }
}
