import BotAPI
import Formatting

/// `editMessageCaption`: new caption (possibly none) and inline keyboard for a media message
/// the caller sent.
enum EditMessageCaption: APIMethod {
    static let name = "editMessageCaption"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let rawCaption = call.parameters["caption"] ?? ""
        guard rawCaption.utf8.count <= 32768 else { throw APIError.badRequest("text is too long") }
        try MessageEditing.requireInlineMarkup(in: call)
        let target = try MessageEditing.target(of: call)
        let editor = call.account
        let p: EditMessageCaptionParameters = try call.decode()
        return try await MessageEditing.edit(call, target: target, replyMarkup: p.replyMarkup) { message, store in
            guard MessageEditing.hasCaptionedMedia(message) else {
                throw APIError.badRequest(
                    message.text != nil ? "there is no caption in the message to edit" : "message can't be edited")
            }
            let (caption, entities) = try MessageText.compose(
                text: rawCaption, parseMode: p.parseMode, entities: p.captionEntities, kind: .caption, phoneNumbers: !editor.isBot,
                resolveUser: { id in try Visibility.mentionedUser(id, sender: editor, in: store) })
            message.caption = caption.isEmpty ? nil : caption
            message.captionEntities = entities
            if let above = p.showCaptionAboveMedia { message.showCaptionAboveMedia = above ? true : nil }
        }
    }
}
