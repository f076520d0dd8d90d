import BotAPI

/// `editEphemeralMessageText`: new text and inline keyboard for a text message the bot
/// sent to one member only; the receiver gets `edited_message`. Answers True.
enum EditEphemeralMessageText: APIMethod {
    static let name = "editEphemeralMessageText"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        // As editMessageText: the text is read before the message identifiers.
        guard let rawText = call.parameters["text"] else { throw APIError.badRequest("message text is empty") }
        guard rawText.utf8.count <= 32768 else { throw APIError.badRequest("text is too long") }
        try MessageEditing.requireInlineMarkup(in: call)
        let p: EditEphemeralMessageTextParameters = try call.decode()
        let editor = call.account
        return try await EphemeralMessages.edit(
            call, chatID: p.chatId, receiverID: Int64(p.receiverUserId), ephemeralMessageID: p.ephemeralMessageId,
            replyMarkup: p.replyMarkup
        ) { message, store in
            try MessageEditing.replaceText(of: &message, with: rawText, parseMode: p.parseMode, entities: p.entities, by: editor, in: store)
        }
    }
}
