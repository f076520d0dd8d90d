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
            try MessageEditing.replaceCaption(
                of: &message, with: rawCaption, parseMode: p.parseMode, entities: p.captionEntities, above: p.showCaptionAboveMedia,
                by: editor, in: store)
        }
    }
}
