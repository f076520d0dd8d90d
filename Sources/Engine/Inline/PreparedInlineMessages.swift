import BotAPI
import Foundation
import Storage

/// Prepared inline messages (`savePreparedInlineMessage`): one result, stored for one user,
/// with the kinds of chats it may be sent to, usable until it expires; the user sends it
/// with the user surface's `sendPreparedInlineMessage`, like a chosen inline result.
enum PreparedInlineMessages {
    /// How long a prepared message can be sent: a day.
    static let lifetime: Int64 = 86400

    /// The chats a prepared message may be sent to.
    struct ChatTypes: Codable, Sendable {
        var users: Bool
        var bots: Bool
        var groups: Bool
        var channels: Bool

        var any: Bool { users || bots || groups || channels }

        /// Whether a message may go to `destination`.
        func allows(_ destination: Outbox.Destination) -> Bool {
            switch destination {
            case .privateChat(let peer): return peer.isBot ? bots : users
            case .group(let group): return group.isChannel ? channels : groups
            }
        }
    }

    /// A prepared message as stored (``InlineRecord/Kind/prepared``).
    struct Stored: Codable, Sendable {
        var userID: Int64
        var result: String
        var allowed: ChatTypes
    }

    static func save(
        _ result: InlineResult, for user: AccountRecord, allowed: ChatTypes, by bot: AccountRecord, in tx: Transaction
    ) throws -> PreparedInlineMessage {
        try tx.store.deleteExpiredInlineRecords(now: tx.now, limit: 100)
        let id = InlineMessages.newID()
        let expiresAt = tx.now + lifetime
        let value = try JSONEncoder().encode(Stored(userID: user.id, result: result.json.text, allowed: allowed))
        try tx.store.save(InlineRecord(kind: .prepared, id: id, botID: bot.id, expiresAt: expiresAt, value: value))
        return PreparedInlineMessage(id: id, expirationDate: Int(expiresAt))
    }

    /// The unexpired prepared message `id` of `user`, with its bot.
    static func load(_ id: String, for user: AccountRecord, now: Int64, in store: any StoreReader) throws -> (botID: Int64, stored: Stored)? {
        guard let record = try store.inlineRecord(kind: .prepared, id: id, now: now),
              let stored = try? JSONDecoder().decode(Stored.self, from: record.value), stored.userID == user.id
        else { return nil }
        return (record.botID, stored)
    }
}
