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
        // Parsing and entity detection run here, in parallel with other requests, rather than
        // on the single writer. Their error is held back so that chat errors still come
        // first, as on the official server; only a text mention needs the store, and is
        // composed again inside the transaction.
        let composedEarly = Result {
            try MessageText.compose(
                text: rawText, parseMode: p.parseMode, entities: p.entities, kind: .messageText,
                resolveUser: { _ in throw NeedsStore() })
        }
        let message = try await call.engine.write { tx in
            let destination = try Outbox.destination(p.chatId, from: sender, in: tx.store)
            let (text, entities): (String, [MessageEntity]?)
            if case .failure(is NeedsStore) = composedEarly.mapError({ $0 as any Error }) {
                (text, entities) = try MessageText.compose(
                    text: rawText, parseMode: p.parseMode, entities: p.entities, kind: .messageText,
                    resolveUser: { id in try tx.store.account(id: Int64(id)).map(Views.user) })
            } else {
                (text, entities) = try composedEarly.get()
            }
            var draft = MessageDraft(
                replyMarkup: p.replyMarkup, replyParameters: p.replyParameters, legacyReplyToMessageID: legacyReply,
                protectContent: p.protectContent ?? false
            ) { message in
                message.text = text
                message.entities = entities
                message.messageThreadId = p.messageThreadId
                // Shown in the message only when the bot changed something.
                if let options = p.linkPreviewOptions, options.jsonBytes != Array("{}".utf8) { message.linkPreviewOptions = options }
            }
            draft.effectID = p.messageEffectId
            return try Outbox.send(draft, to: destination, from: sender, in: tx)
        }
        return MethodResult(message)
    }
}

/// Thrown by the early composition when a text mention has to be looked up in the store.
private struct NeedsStore: Error {}
