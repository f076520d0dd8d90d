import BotAPI

/// `editMessageReplyMarkup`: replaces (or, without `reply_markup`, removes) the inline
/// keyboard of a message the bot sent.
enum EditMessageReplyMarkup: APIMethod {
    static let name = "editMessageReplyMarkup"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try MessageEditing.requireInlineMarkup(in: call)
        let target = try MessageEditing.target(of: call)
        let p: EditMessageReplyMarkupParameters = try call.decode()
        return try await MessageEditing.edit(call, target: target, replyMarkup: p.replyMarkup)
    }
}
