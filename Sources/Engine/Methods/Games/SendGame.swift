import BotAPI
import Storage

/// `sendGame` (bots): a game message for one of the bot's games (admin `createGame`), with
/// the bot's inline keyboard, whose first button must start the game, or the default
/// "Play <title>" button. With `business_connection_id` the bot sends it for the business
/// account; its game button still reaches the bot.
enum SendGame: APIMethod {
    static let name = "sendGame"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        // The official server reads the short name before anything else.
        guard let shortName = call.parameters["game_short_name"], !shortName.isEmpty else {
            throw APIError.badRequest("parameter \"game_short_name\" is required")
        }
        let p: SendGameParameters = try call.decode()
        let bot = call.account
        let legacyReply = call.legacyReplyToMessageID
        let threadID = call.messageThreadID
        let business = call.businessConnectionID
        let message = try await call.engine.write { tx in
            let destination = try Outbox.destination(p.chatId, from: bot, business: business, in: tx.store)
            if case .group(let group) = destination, group.isChannel {
                throw Games.notInChannels
            }
            guard let game = try tx.store.game(botID: bot.id, shortName: shortName) else { throw Games.unknownGame }
            let keyboard = try Games.keyboard(p.replyMarkup, title: game.title)
            var draft = MessageDraft(
                replyMarkup: .inlineKeyboard(keyboard), replyParameters: p.replyParameters, legacyReplyToMessageID: legacyReply,
                protectContent: p.protectContent ?? false
            ) { message in
                message.game = Games.view(game)
            }
            draft.threadID = threadID
            draft.effectID = p.messageEffectId
            let sent = try Outbox.send(draft, to: destination, from: bot, business: business, in: tx)
            let chat = try business.map { try BusinessMessages.chat(p.chatId, connectionID: $0, bot: bot, requiring: .reply, in: tx.store).chat }
                ?? ChatMessages.chat(.id(sent.chat.id), viewer: bot, in: tx.store)
            try Games.recordMessage(sent.messageId, in: chat, shows: game, in: tx.store)
            return sent
        }
        return MethodResult(message)
    }
}
