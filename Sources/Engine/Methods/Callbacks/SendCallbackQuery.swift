import BotAPI
import Foundation
import Storage

/// `sendCallbackQuery` (user surface only, USER-API.md): the user presses an inline button
/// with `callback_data`, or without `data` a game message's game button (the bot's query
/// then carries `game_short_name`, and its answer may open the game's `url`), also on a game
/// a user sent via the bot in inline mode (the query then names its `inline_message_id`). The bot gets
/// a `callback_query` update; the call waits (default 10 s,
/// parameter `timeout`, at most the query's 150 s lifetime) for the bot's
/// `answerCallbackQuery` and returns what it answered.
///
/// Refusals use the raw codes Telegram gives a client for the same press:
/// `MESSAGE_ID_INVALID` (no such message), `DATA_INVALID` (no button of that message carries
/// that data) and `BOT_RESPONSE_TIMEOUT` (no answer in time).
enum SendCallbackQuery: APIMethod {
    static let name = "sendCallbackQuery"
    static let surfaces: Set<Surface> = [.user]

    /// How long the official server keeps an undelivered `callback_query` (behaviour.md §3.5).
    static let lifetime: Double = 150
    static let defaultTimeout: Double = 10

    struct Parameters: Decodable {
        var chatId: ChatID
        var messageId: Int?
        var data: String?
        var timeout: Double?

        enum CodingKeys: String, CodingKey {
            case chatId = "chat_id", messageId = "message_id", data, timeout
        }
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let timeout = Duration.milliseconds(Int(min(max(p.timeout ?? defaultTimeout, 0), lifetime) * 1000))
        let queries = call.engine.callbackQueries
        let queryID = queries.newQueryID()
        do {
            try await call.engine.write { tx in
                let chat = try MessageEditing.actingChat(p.chatId, actor: user, now: tx.now, in: tx.store).chat
                guard let stored = try ChatMessages.load(p.messageId ?? 0, in: chat, from: tx.store) else {
                    throw APIError.badRequest("MESSAGE_ID_INVALID")
                }
                // Only bots attach inline keyboards, so the button's bot is the message's sender,
                // the bot a message sent via inline mode came through, or the business bot that
                // sent it for a business account (its connection must still be on).
                let buttons = (stored.message.replyMarkup?.inlineKeyboard ?? []).joined()
                let viaBotID = stored.message.viaBot.map { Int64($0.id) }
                let businessBotID = stored.message.senderBusinessBot.map { Int64($0.id) }
                guard let bot = try tx.store.account(id: viaBotID ?? businessBotID ?? stored.record.senderID), bot.isBot, !bot.isDeleted
                else { throw APIError.badRequest("DATA_INVALID") }
                var business: BusinessMessages.Watcher?
                if let businessBotID {
                    business = try BusinessMessages.watchers(of: chat, in: tx.store).first {
                        $0.owner.id == stored.record.senderID && $0.connection.botID == businessBotID
                    }
                    guard business != nil else { throw APIError.badRequest("DATA_INVALID") }
                }
                // A press without data is the game button of a game message (`game_short_name`).
                var gameShortName: String?
                if let data = p.data {
                    guard buttons.contains(where: { $0.callbackData == data }) else { throw APIError.badRequest("DATA_INVALID") }
                } else {
                    guard buttons.contains(where: { $0.callbackGame != nil }),
                          let game = try Games.game(ofMessage: stored.message.messageId, in: chat, bot: bot.id, in: tx.store)
                    else { throw APIError.badRequest("DATA_INVALID") }
                    gameShortName = game.shortName
                }
                // Opened before the commit, so an answer can never arrive for an unknown query.
                try queries.open(queryID, botID: bot.id, userID: user.id, isGame: gameShortName != nil, timeout: timeout, in: tx)
                let query: CallbackQuery
                if viaBotID != nil, let inlineID = try InlineMessages.id(ofMessage: stored.record.messageID, inChat: chat.id, now: tx.now, in: tx.store) {
                    // An inline message: the bot may not see the chat, only the message's id. The
                    // presser need not share a chat with the bot: the update is how the bot meets them.
                    query = CallbackQuery(
                        id: queryID, from: Views.user(user), inlineMessageId: inlineID, chatInstance: ChatInstance.of(chat), data: p.data,
                        gameShortName: gameShortName)
                    try Visibility.received(user, by: bot, in: tx.store)
                } else if let watcher = business {
                    // A business message: the bot sees it as the business account does, with the connection.
                    query = CallbackQuery(
                        id: queryID, from: Views.user(user), message: .message(BusinessMessages.view(stored.message, for: watcher)),
                        chatInstance: ChatInstance.of(chat), data: p.data, gameShortName: gameShortName)
                    try Visibility.received(user, by: bot, in: tx.store)
                } else {
                    let seenByBot = try ChatMessages.view(stored.message, in: chat, for: bot, in: tx.store)
                    query = CallbackQuery(
                        id: queryID, from: Views.user(user), message: .message(seenByBot), chatInstance: ChatInstance.of(chat),
                        data: p.data, gameShortName: gameShortName)
                }
                try tx.enqueue(.callbackQuery(from: user.id, query.jsonBytes), for: bot.id)
            }
        } catch {
            queries.discard(queryID)
            throw error
        }
        guard let answer = await queries.wait(for: queryID, timeout: timeout, engine: call.engine) else {
            // A wait ended by the user's token being revoked (or the user deleted) is a 401.
            try await call.engine.requireCurrent(user)
            throw APIError.badRequest("BOT_RESPONSE_TIMEOUT")
        }
        return MethodResult(answer)
    }
}
