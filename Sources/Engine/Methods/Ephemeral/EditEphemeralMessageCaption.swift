import BotAPI

/// `editEphemeralMessageCaption`: new caption (possibly none) and inline keyboard for a
/// media message the bot sent to one member only; the receiver gets `edited_message`.
/// Answers True.
enum EditEphemeralMessageCaption: APIMethod {
    static let name = "editEphemeralMessageCaption"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let rawCaption = call.parameters["caption"] ?? ""
        guard rawCaption.utf8.count <= 32768 else { throw APIError.badRequest("text is too long") }
        try MessageEditing.requireInlineMarkup(in: call)
        let p: EditEphemeralMessageCaptionParameters = try call.decode()
        let editor = call.account
        return try await EphemeralMessages.edit(
            call, chatID: p.chatId, receiverID: Int64(p.receiverUserId), ephemeralMessageID: p.ephemeralMessageId,
            replyMarkup: p.replyMarkup
        ) { message, store in
            try MessageEditing.replaceCaption(
                of: &message, with: rawCaption, parseMode: p.parseMode, entities: p.captionEntities, above: p.showCaptionAboveMedia,
                by: editor, in: store)
        }
    }
}
