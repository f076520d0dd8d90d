import BotAPI
import Formatting
import Storage

/// `sendMessage` for bots and users: text with `parse_mode` or `entities`, replies and
/// reply markup, in any chat.
enum SendMessage: APIMethod {
    static let name = "sendMessage"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        // The official server checks the text before the chat.
        guard let rawText = call.parameters["text"] else { throw APIError.badRequest("message text is empty") }
        guard rawText.utf8.count <= 32768 else { throw APIError.badRequest("text is too long") }
        let p: SendMessageParameters = try call.decode()
        let sender = call.account
        let legacyReply = call.parameters["reply_to_message_id"].map(LenientParse.integer)
        let previewsDisabled = call.parameters["disable_web_page_preview"].map(LenientParse.bool) ?? false
        let business = call.businessConnectionID
        let ephemeral = try EphemeralMessages.target(p.ephemeralMessageParameters, in: call)
        let message = try await call.engine.write { tx in
            let destination = try Outbox.destination(p.chatId, from: sender, business: business, in: tx.store)
            let (text, entities) = try MessageText.compose(
                text: rawText, parseMode: p.parseMode, entities: p.entities, kind: .messageText, phoneNumbers: !sender.isBot,
                resolveUser: { id in try Visibility.mentionedUser(id, sender: sender, in: tx.store) })
            let preview = LinkPreviews.options(given: p.linkPreviewOptions, disabled: previewsDisabled, text: text, entities: entities)
            var draft = MessageDraft(
                replyMarkup: p.replyMarkup, replyParameters: p.replyParameters, legacyReplyToMessageID: legacyReply,
                protectContent: p.protectContent ?? false
            ) { message in
                message.text = text
                message.entities = entities
                message.messageThreadId = p.messageThreadId
                message.linkPreviewOptions = preview
            }
            draft.effectID = p.messageEffectId
            draft.ephemeral = ephemeral
            draft.directMessagesTopicID = p.directMessagesTopicId
            draft.suggestedPost = p.suggestedPostParameters
            return try Outbox.send(draft, to: destination, from: sender, business: business, in: tx)
        }
        return MethodResult(message)
    }
}
