import BotAPI
import Storage

/// `startBot` (users): the user presses Start, i.e. sends `/start` or `/start <parameter>`
/// in the private chat with the bot, unblocking it first if needed.
enum StartBot: APIMethod {
    static let name = "startBot"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let bot_id: Int64?
        let bot_username: String?
        let parameter: String?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        if let parameter = p.parameter {
            // Deep-link payloads: up to 64 characters of A-Z, a-z, 0-9, _ and -.
            let allowed = parameter.utf8.count <= 64 && parameter.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
            guard allowed else { throw APIError.badRequest("START_PARAM_INVALID") }
        }
        let text = p.parameter.map { "/start " + $0 } ?? "/start"
        let message = try await call.engine.write { tx in
            let bot = try bot(id: p.bot_id, username: p.bot_username, in: tx.store)
            if var chat = try tx.store.privateChat(between: user.id, and: bot.id), chat.hasBlocked(user.id) {
                chat.setBlocked(false, by: user.id)
                try tx.store.update(chat)
                try BlockUser.announce(blocked: false, user: user, bot: bot, in: tx)
            }
            let entity = MessageEntity(type: "bot_command", offset: 0, length: 6)
            let draft = MessageDraft { message in
                message.text = text
                message.entities = [entity]
            }
            return try PrivateChats.send(draft, from: user, to: bot, in: tx)
        }
        return MethodResult(message)
    }

    /// The bot a user-surface call names by `bot_id` or `bot_username` (with or without `@`).
    static func bot(id: Int64?, username: String?, in store: any StoreReader) throws -> AccountRecord {
        let bot: AccountRecord?
        if let id {
            bot = try store.account(id: id)
        } else if let username {
            bot = try store.account(username: username.hasPrefix("@") ? String(username.dropFirst()) : username)
        } else {
            throw APIError.badRequest("parameter \"bot_id\" is required")
        }
        guard let bot, bot.isBot, !bot.isDeleted else { throw APIError.badRequest("bot not found") }
        return bot
    }
}
