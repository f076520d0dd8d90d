import BotAPI
import Formatting

/// `editMessageText`: new text (with `parse_mode` or `entities`) and inline keyboard for a
/// text message the caller sent; with `rich_message`, new rich content (``RichMessageEditing``).
enum EditMessageText: APIMethod {
    static let name = "editMessageText"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        if call.parameters.contains("rich_message") { return try await RichMessageEditing.edit(call) }
        // The official server reads the text before the message identifiers.
        guard let rawText = call.parameters["text"] else { throw APIError.badRequest("message text is empty") }
        guard rawText.utf8.count <= 32768 else { throw APIError.badRequest("text is too long") }
        try MessageEditing.requireInlineMarkup(in: call)
        let target = try MessageEditing.target(of: call)
        let editor = call.account
        let p: EditMessageTextParameters = try call.decode()
        return try await MessageEditing.edit(call, target: target, replyMarkup: p.replyMarkup) { message, store in
            try MessageEditing.replaceText(of: &message, with: rawText, parseMode: p.parseMode, entities: p.entities, by: editor, in: store)
        }
    }
}
