import BotAPI
import Storage

/// `editMessageText` with `rich_message`: new rich content for a rich or text message.
enum RichMessageEditing {
    static func edit(_ call: MethodCall) async throws -> MethodResult {
        if call.parameters["text"].map({ !$0.isEmpty }) == true {
            throw APIError.badRequest("only one of text and rich_message can be specified")
        }
        try MessageEditing.requireInlineMarkup(in: call)
        let target = try MessageEditing.target(of: call)
        let p: EditMessageTextParameters = try call.decode()
        guard let input = p.richMessage else { throw APIError.badRequest("parameter \"rich_message\" is required") }
        let prepared = try await RichMessageInput.prepare(input, allowThinking: false, call: call)
        let editor = call.account
        let now = call.engine.clock.now()
        return try await MessageEditing.edit(call, target: target, replyMarkup: p.replyMarkup) { message, store in
            // A text message may become a rich one (a guess: Telegram's rule is undocumented).
            guard message.richMessage != nil || message.text != nil else {
                throw APIError.badRequest(
                    MessageEditing.hasCaptionedMedia(message) ? "there is no text in the message to edit" : "message can't be edited")
            }
            var builder = RichMessageBuilder(sender: editor, store: store, now: now)
            message.richMessage = try builder.build(prepared)
            message.text = nil
            message.entities = nil
            message.linkPreviewOptions = nil
        }
    }
}
