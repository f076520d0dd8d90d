import BotAPI
import Foundation
import Storage
import Synchronization

/// What a guest bot answered: the message it posted into the chat.
struct GuestAnswer: Codable, Sendable, Equatable {
    var messageID: Int64
}

/// Guest mode (Telegram's "guest bots"): a user mentions a bot that takes guest queries
/// (`setBotQuerySupport`) in a group or supergroup the bot is not a member of; the bot gets
/// the message as `guest_message`, with a `guest_query_id`, and answers it with
/// `answerGuestQuery`, which posts the result into the chat as the bot itself, with
/// `guest_bot_caller_user`. The user's `sendGuestMessage` waits for the answers, as
/// `sendCallbackQuery` waits for a callback answer (``PendingAnswers``).
enum GuestQueries {
    /// At most this many guest bots are asked per message, as on Telegram.
    static let maxBots = 3
    static let defaultTimeout: Double = 10
    static let maxTimeout: Double = 150

    /// The group a guest message goes to: a basic group or supergroup (not a channel;
    /// private chats are not served here).
    static func group(_ chatID: ChatID, user: AccountRecord, in store: any StoreReader) throws -> Group {
        guard case .group(let group) = try Outbox.destination(chatID, from: user, in: store), group.kind != .channel else {
            throw APIError.badRequest("CHAT_TYPE_INVALID")
        }
        return group
    }

    /// The bots `message` mentions by `@username` that take guest queries and are not
    /// present in the chat, in order of mention, at most ``maxBots``.
    static func mentionedBots(in message: Message, group: Group, now: Int64, in store: any StoreReader) throws -> [AccountRecord] {
        guard let text = message.text else { return [] }
        let utf16 = Array(text.utf16)
        var bots: [AccountRecord] = []
        for entity in message.entities ?? [] where entity.type == "mention" && bots.count < maxBots {
            guard entity.offset >= 0, entity.length > 1, entity.offset + entity.length <= utf16.count else { continue }
            let name = String(decoding: utf16[(entity.offset + 1) ..< (entity.offset + entity.length)], as: UTF16.self)
            guard let bot = try store.account(username: name), bot.isBot, !bot.isDeleted, !bots.contains(where: { $0.id == bot.id }),
                  try BotQuerySupport.of(bot.id, in: store).guestQueries,
                  try Groups.membership(of: bot.id, in: group, now: now, in: store)?.isPresent != true
            else { continue }
            bots.append(bot)
        }
        return bots
    }

    /// Puts `message` (just sent by `user`) to each bot as `guest_message`; returns the ids
    /// of the queries opened, which `user` waits for on this instance for up to `timeout`.
    static func ask(
        _ bots: [AccountRecord], about message: Message, from user: AccountRecord, in group: Group,
        queries: PendingAnswers<GuestAnswer>, timeout: Duration, tx: Transaction
    ) throws -> [String] {
        try bots.map { bot in
            let queryID = ChatQueryIDs.make(queries.newQueryID(), chat: group.chat.id)
            try queries.open(queryID, botID: bot.id, userID: user.id, timeout: timeout, in: tx)
            var asked = message
            asked.guestQueryId = queryID
            try tx.enqueue(.guestMessage(chat: group.clientID, asked.jsonBytes), for: bot.id)
            try Visibility.received(user, by: bot, in: tx.store)
            return queryID
        }
    }

    /// The ids of the queries a transaction opened, so that a failed one discards them.
    final class Opened: Sendable {
        private let stored = Mutex<[String]>([])
        var ids: [String] {
            get { stored.withLock { $0 } }
            set { stored.withLock { $0 = newValue } }
        }
    }

    /// Posts `ready` into the query's chat as `bot`, for the user who asked; answers the
    /// message's `inline_message_id`, by which the bot may edit it.
    static func answer(
        _ queryID: String, with ready: InlineSending.Ready, by bot: AccountRecord, queries: PendingAnswers<GuestAnswer>, in tx: Transaction
    ) throws -> String {
        guard let query = try queries.openQuery(queryID, botID: bot.id, in: tx), let chatID = ChatQueryIDs.chatID(of: queryID),
              var group = try Groups.load(internalID: chatID, in: tx.store),
              let user = try tx.store.account(id: query.userID), !user.isDeleted
        else { throw InlineQueries.tooOld }
        let composed = try InlineSending.compose(ready, bot: bot, author: bot, inChannel: group.isChannel, in: tx)
        let sent = try GroupChats.postGuest(
            composed.content, keyboard: composed.keyboard, from: bot, caller: user, in: &group, tx: tx)
        try InlineSending.record(composed, sent: sent, chatID: group.chat.id, bot: bot, in: tx)
        let inlineID = try InlineMessages.register(chatID: group.chat.id, messageID: Int64(sent.messageId), botID: bot.id, in: tx)
        guard try queries.answer(queryID, botID: bot.id, with: GuestAnswer(messageID: Int64(sent.messageId)), in: tx) else { throw InlineQueries.tooOld }
        return inlineID
    }
}
