import Foundation
import Storage

/// The `query_id`s of opened Mini Apps: the session a Mini App answers with the bot's
/// `answerWebAppQuery` (built by h/inline, which consumes these through ``lookUp(_:in:)``).
///
/// Kept in the store's settings under `web_app_query:<id>` as "<bot id>:<user id>:<date>",
/// so a query opened before a restart can still be answered.
enum WebAppQueries {
    /// A fresh query id for `user` in `bot`'s Mini App, stored with the time it was issued.
    /// Telegram's ids are opaque base64url text; these are 24 characters of it.
    static func issueWebAppQuery(bot: Int64, user: Int64, now: Int64, in store: any StoreWriter) throws -> String {
        var bytes = [UInt8](repeating: 0, count: 18)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        let id = WebAppSigning.base64URL(Data(bytes))
        try store.setSetting(key(id), "\(bot):\(user):\(now)")
        return id
    }

    /// An issued query: whose Mini App, which user opened it, and when.
    struct Query: Sendable, Equatable {
        var botID: Int64
        var userID: Int64
        var issuedAt: Int64
    }

    /// The query `id` names, if it was issued and not yet answered.
    static func lookUp(_ id: String, in store: any StoreReader) throws -> Query? {
        guard !id.isEmpty, let value = try store.setting(key(id)), !value.isEmpty else { return nil }
        let parts = value.split(separator: ":").compactMap { Int64($0) }
        guard parts.count == 3 else { return nil }
        return Query(botID: parts[0], userID: parts[1], issuedAt: parts[2])
    }

    /// Forgets an answered query: each is answered once.
    static func finish(_ id: String, in store: any StoreWriter) throws {
        try store.setSetting(key(id), "")
    }

    private static func key(_ id: String) -> String { "web_app_query:" + id }
}
