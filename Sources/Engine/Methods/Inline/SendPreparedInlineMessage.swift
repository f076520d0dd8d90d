import BotAPI
import Foundation
import Storage

/// `sendPreparedInlineMessage` (user surface only; docs/user-api-extensions.md): the user
/// sends a message a bot prepared for them with `savePreparedInlineMessage` (what a Mini
/// App's `shareMessage` does) into `chat_id`, via the bot, as a chosen inline result is sent.
/// The chat must be of a kind the bot allowed.
enum SendPreparedInlineMessage: APIMethod {
    static let name = "sendPreparedInlineMessage"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        var chatId: ChatID
        var preparedMessageId: String?

        enum CodingKeys: String, CodingKey {
            case chatId = "chat_id", preparedMessageId = "prepared_message_id"
        }
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let now = call.engine.clock.now()
        let (bot, stored) = try await call.engine.store.read { store -> (AccountRecord, PreparedInlineMessages.Stored) in
            guard let loaded = try PreparedInlineMessages.load(p.preparedMessageId ?? "", for: user, now: now, in: store),
                  let bot = try store.account(id: loaded.botID), !bot.isDeleted
            else { throw APIError.badRequest("prepared message not found or expired") }
            return (bot, loaded.stored)
        }
        guard let json = SettingsJSON.parse(stored.result) else { throw APIError.badRequest("prepared message not found or expired") }
        let ready = try await InlineSending.prepare(try InlineResults.parse(json), bot: bot, call: call)
        let message = try await call.engine.write { tx in
            let destination = try Outbox.destination(p.chatId, from: user, in: tx.store)
            guard stored.allowed.allows(destination) else {
                throw APIError.badRequest("the prepared message can't be sent to this kind of chat")
            }
            return try InlineSending.send(ready, via: bot, from: user, to: destination, in: tx).message
        }
        return MethodResult(message)
    }
}
