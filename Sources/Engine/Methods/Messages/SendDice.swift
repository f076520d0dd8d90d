import BotAPI
import Storage

/// `sendDice` for bots and users: an animated emoji with a random value.
enum SendDice: APIMethod {
    static let name = "sendDice"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: SendDiceParameters = try call.decode()
        let message = try await call.send(
            to: p.chatId, replyMarkup: p.replyMarkup, replyParameters: p.replyParameters, protectContent: p.protectContent
        ) { message, _ in
            // Telegram checks the emoji once the chat is known.
            let emoji = try DiceRolls.emoji(p.emoji)
            message.dice = Dice(emoji: emoji, value: DiceRolls.roll(emoji))
        }
        return MethodResult(message)
    }
}

/// The dice emoji and their value ranges (behaviour.md §5).
enum DiceRolls {
    static let ranges: [String: ClosedRange<Int>] = [
        "🎲": 1...6, "🎯": 1...6, "🎳": 1...6, "🏀": 1...5, "⚽": 1...5, "🎰": 1...64,
    ]

    /// The emoji to roll: 🎲 by default; an emoji presentation selector is ignored.
    static func emoji(_ given: String?) throws -> String {
        guard let given, !given.isEmpty else { return "🎲" }
        let bare = String(String.UnicodeScalarView(given.unicodeScalars.filter { $0 != "\u{FE0F}" }))
        guard ranges[bare] != nil else { throw APIError.badRequest("EMOTICON_INVALID") }
        return bare
    }

    /// A random value in the emoji's range.
    static func roll(_ emoji: String) -> Int { Int.random(in: ranges[emoji] ?? 1...6) }
}
