import BotAPI
import Foundation
import Storage

/// Games as Telegram runs them: a bot's games by short name, the game messages `sendGame`
/// posts or a user sends via the bot in inline mode (`InlineQueryResultGame`), and their
/// high-score tables.
///
/// Which game a message shows is kept beside the message (the Message object carries the
/// game's title, not its short name), under the setting `game_message:<chat>:<message>`,
/// so that pressing the message's Play button names the game in `game_short_name`.
enum Games {
    /// The refusal for a short name the bot has no game under (TDLib's wording of MEDIA_EMPTY).
    static let unknownGame = APIError.badRequest("wrong game short name specified")

    /// The refusal for an inline game result naming a game the bot does not have: Telegram's
    /// raw code for a game it cannot find (the one TDLib words as ``unknownGame`` for
    /// `sendGame`), which `answerInlineQuery` passes on unworded.
    static let unknownInlineGame = APIError.badRequest("MEDIA_EMPTY")

    /// Games are not for channels (TDLib refuses before asking Telegram).
    static let notInChannels = APIError.badRequest("games can't be sent to channel chats")

    /// The `Game` object of a stored game, as game messages carry it.
    static func view(_ record: GameRecord) -> Game {
        let photo = (try? JSONDecoder().decode([PhotoSize].self, from: record.photo)) ?? []
        return Game(title: record.title, description: record.description, photo: photo)
    }

    // MARK: Game messages

    /// The inline keyboard a game message gets: the bot's own, whose first button must start
    /// the game, or Telegram's default single "Play <title>" button.
    static func keyboard(_ given: InlineKeyboardMarkup?, title: String) throws -> InlineKeyboardMarkup {
        guard let given, !given.inlineKeyboard.joined().isEmpty else {
            return InlineKeyboardMarkup(inlineKeyboard: [[InlineKeyboardButton(text: "Play \(title)", callbackGame: CallbackGame())]])
        }
        let buttons = Array(given.inlineKeyboard.joined())
        // Telegram's raw codes: no game button at all, or one that is not the first.
        guard buttons.contains(where: { $0.callbackGame != nil }) else { throw APIError.badRequest("REPLY_MARKUP_GAME_EMPTY") }
        guard buttons.first?.callbackGame != nil else { throw APIError.badRequest("BUTTON_POS_INVALID") }
        return given
    }

    private static func messageKey(chat: ChatRecord, messageID: Int) -> String {
        "game_message:\(chat.id):\(messageID)"
    }

    /// Remembers that message `messageID` of `chat` shows `game`.
    static func recordMessage(_ messageID: Int, in chat: ChatRecord, shows game: GameRecord, in store: any StoreWriter) throws {
        try store.setSetting(messageKey(chat: chat, messageID: messageID), String(game.id) + ":" + game.shortName)
    }

    /// The game message `messageID` of `chat` shows, if it is a game message `bot` sent.
    static func game(ofMessage messageID: Int, in chat: ChatRecord, bot: Int64, in store: any StoreReader) throws -> GameRecord? {
        guard let value = try store.setting(messageKey(chat: chat, messageID: messageID)), !value.isEmpty,
              let colon = value.firstIndex(of: ":")
        else { return nil }
        return try store.game(botID: bot, shortName: String(value[value.index(after: colon)...]))
    }

    // MARK: High scores

    /// The high-score table of game messages in `chat`: Telegram keeps one per game and chat.
    static func scope(of chat: ChatRecord) -> String { "chat:\(chat.id)" }

    /// How many places around the target `getGameHighScores` shows on each side, and how
    /// many of the best it always shows (the Bot API documentation's "two of their closest
    /// neighbors on each side" and "the top three users").
    static let neighbours = 2
    static let podium = 3

    /// The positions `getGameHighScores` answers for `userID`: the target and two neighbours
    /// on each side, plus the top three when they are not among those. A user without a
    /// score sees the top three.
    static func neighbourhood(of userID: Int64, in table: [GameScoreRecord]) -> [(position: Int, score: GameScoreRecord)] {
        var indices = Set(0..<min(podium, table.count))
        if let index = table.firstIndex(where: { $0.userID == userID }) {
            for i in max(0, index - neighbours)...min(table.count - 1, index + neighbours) { indices.insert(i) }
        }
        return indices.sorted().map { (position: $0 + 1, score: table[$0]) }
    }

    /// The scoreboard a game message shows after `setGameScore` edits it: the best scores, one
    /// line each, "<position>. <name> — <score>".
    static func scoreboard(_ table: [GameScoreRecord], in store: any StoreReader) throws -> String {
        var lines: [String] = []
        for (index, entry) in table.prefix(podium).enumerated() {
            guard let account = try store.account(id: entry.userID) else { continue }
            let user = Views.user(account)
            let name = [user.firstName, user.lastName].compactMap { $0 }.joined(separator: " ")
            lines.append("\(index + 1). \(name) — \(entry.score)")
        }
        return lines.joined(separator: "\n")
    }
}

// MARK: - The game message a score call names

extension Games {
    /// The game message a `setGameScore` / `getGameHighScores` call names, and the player.
    struct Target {
        /// A message in a chat the bot sent (`chat_id` + `message_id`), or one sent via the
        /// bot in inline mode (`inline_message_id`).
        enum Place {
            case chat(ChatID, messageID: Int)
            case inline(String)
        }

        var place: Place
        var userID: Int64
    }

    /// Reads `user_id`, then `chat_id` + `message_id` or else `inline_message_id`, as the
    /// official server does. `what` names the message in the "… not found" refusal.
    static func target(of call: MethodCall, what: String) throws -> Target {
        // A missing, zero or negative user id is "invalid user_id specified", read first.
        let userID = max(call.parameters["user_id"].map(LenientParse.integer) ?? 0, 0)
        guard userID > 0 else { throw APIError.badRequest("invalid user_id specified") }
        let chatID = call.parameters["chat_id"]
        let messageID = call.parameters["message_id"].map(LenientParse.integer) ?? 0
        if chatID == nil && messageID == 0 {
            guard let inlineID = call.parameters["inline_message_id"], !inlineID.isEmpty else {
                throw APIError.badRequest("message identifier is not specified")
            }
            return Target(place: .inline(inlineID), userID: Int64(userID))
        }
        guard let chatID else { throw APIError.badRequest("chat_id is empty") }
        guard let parsed = ChatID(parsing: chatID) else { throw APIError.badRequest("chat not found") }
        guard messageID > 0 else { throw APIError.badRequest("\(what) not found") }
        return Target(place: .chat(parsed, messageID: messageID), userID: Int64(userID))
    }

    /// The game message a score call acts on, with its game and the player.
    struct Loaded {
        var chat: ChatRecord
        var stored: ChatMessages.Stored
        var game: GameRecord
        var player: AccountRecord
        /// Whether the call named it by `inline_message_id` (then edits answer True, and the
        /// bot, which need not be in the chat, is not told about them).
        var isInline: Bool
    }

    /// The game message of `target`, sent by `bot` or via `bot` in inline mode, with its game,
    /// and the player; the official refusals for a missing message, one that is not the bot's
    /// game, and an unknown player.
    static func load(_ target: Target, bot: AccountRecord, what: String, now: Int64, in store: any StoreReader) throws -> Loaded {
        let chat: ChatRecord
        let stored: ChatMessages.Stored
        let isInline: Bool
        switch target.place {
        case .chat(let chatID, let messageID):
            chat = try MessageEditing.actingChat(chatID, actor: bot, now: now, in: store).chat
            guard let found = try ChatMessages.load(messageID, in: chat, from: store) else {
                throw APIError.badRequest("\(what) not found")
            }
            guard found.record.senderID == bot.id else { throw APIError.badRequest("MESSAGE_ID_INVALID") }
            (stored, isInline) = (found, false)
        case .inline(let inlineID):
            // The id already names a message sent via this bot (``InlineMessages``).
            (chat, stored) = try InlineMessages.locate(inlineID, editor: bot, now: now, in: store)
            isInline = true
        }
        guard stored.message.game != nil, let game = try game(ofMessage: stored.message.messageId, in: chat, bot: bot.id, in: store) else {
            throw APIError.badRequest("MESSAGE_ID_INVALID")
        }
        guard let player = try Visibility.account(id: target.userID, viewer: bot, in: store), !player.isDeleted else {
            throw APIError.badRequest("user not found")
        }
        // Bots don't play games: Telegram's raw code for a bot as the player.
        guard !player.isBot else { throw APIError.badRequest("USER_BOT_INVALID") }
        return Loaded(chat: chat, stored: stored, game: game, player: player, isInline: isInline)
    }
}
