import BotAPI

/// `editEphemeralMessageReplyMarkup`: a new inline keyboard (none removes it) for a message
/// the bot sent to one member only; the receiver gets `edited_message`. Answers True.
enum EditEphemeralMessageReplyMarkup: APIMethod {
    static let name = "editEphemeralMessageReplyMarkup"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try MessageEditing.requireInlineMarkup(in: call)
        let p: EditEphemeralMessageReplyMarkupParameters = try call.decode()
        return try await EphemeralMessages.edit(
            call, chatID: p.chatId, receiverID: Int64(p.receiverUserId), ephemeralMessageID: p.ephemeralMessageId,
            replyMarkup: p.replyMarkup
        ) { _, _ in }
    }
}
