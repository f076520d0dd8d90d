import BotAPI
import Formatting
import Storage

/// `copyMessage` for bots and users: the message's content sent again as the caller's own,
/// without `forward_origin`. `caption` (even empty, which removes it), `parse_mode` and
/// `caption_entities` replace a media caption. Answers a `MessageId`.
enum CopyMessage: APIMethod {
    static let name = "copyMessage"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try Forwarding.requireChats(call.parameters, messageNotFound: "message to copy not found")
        if let caption = call.parameters["caption"], caption.utf8.count > 32768 { throw APIError.badRequest("text is too long") }
        let p: CopyMessageParameters = try call.decode()
        let captionGiven = call.parameters.rawValue("caption") != nil
        let sender = call.account
        let legacyReply = call.legacyReplyToMessageID
        let sent = try await call.engine.write { tx in
            let destination = try Outbox.destination(p.chatId, from: sender, in: tx.store)
            guard let source = try Forwarding.sources([p.messageId], fromChatID: p.fromChatId, viewer: sender, in: tx).first else {
                throw APIError.badRequest("message to copy not found")
            }
            if let refusal = Forwarding.refusal(for: source.message, copying: true) { throw refusal }
            var content = Forwarding.copyContent(of: source.message)
            if captionGiven && Forwarding.takesCaption(content) {
                let (caption, entities) = try MessageText.compose(
                    text: p.caption ?? "", parseMode: p.parseMode, entities: p.captionEntities, kind: .caption,
                    resolveUser: { id in try Visibility.mentionedUser(id, sender: sender, in: tx.store) })
                content.caption = caption.isEmpty ? nil : caption
                content.captionEntities = caption.isEmpty ? nil : entities
            }
            if let above = p.showCaptionAboveMedia { content.showCaptionAboveMedia = above ? true : nil }
            var draft = MessageDraft(
                replyMarkup: p.replyMarkup, replyParameters: p.replyParameters, legacyReplyToMessageID: legacyReply,
                protectContent: p.protectContent ?? false) { _ in }
            draft.content = content
            draft.threadID = p.messageThreadId
            draft.directMessagesTopicID = p.directMessagesTopicId
            draft.suggestedPost = p.suggestedPostParameters
            return MessageId(messageId: try Outbox.send(draft, to: destination, from: sender, in: tx).messageId)
        }
        return MethodResult(sent)
    }
}
