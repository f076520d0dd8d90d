import BotAPI
import Storage

/// `sendRichMessage`: a message of blocks (headings, lists, tables, quotations, media, …)
/// given as blocks, HTML or Markdown (``RichMessageInput``), in any chat the bot may write to.
enum SendRichMessage: APIMethod {
    static let name = "sendRichMessage"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard call.parameters.contains("rich_message") else { throw APIError.badRequest("parameter \"rich_message\" is required") }
        let p: SendRichMessageParameters = try call.decode()
        let prepared = try await RichMessageInput.prepare(p.richMessage, allowThinking: false, call: call)
        let sender = call.account
        let threadID = call.messageThreadID
        let ephemeral = try EphemeralMessages.target(p.ephemeralMessageParameters, in: call)
        let business = call.businessConnectionID
        let message = try await call.engine.write { tx in
            let destination = try Outbox.destination(p.chatId, from: sender, business: business, in: tx.store)
            var builder = RichMessageBuilder(sender: sender, store: tx.store, now: tx.now)
            let rich = try builder.build(prepared)
            var draft = MessageDraft(
                replyMarkup: p.replyMarkup, replyParameters: p.replyParameters, protectContent: p.protectContent ?? false
            ) { message in
                message.richMessage = rich
            }
            draft.effectID = p.messageEffectId
            draft.threadID = threadID
            draft.ephemeral = ephemeral
            draft.directMessagesTopicID = p.directMessagesTopicId
            draft.suggestedPost = p.suggestedPostParameters
            return try Outbox.send(draft, to: destination, from: sender, business: business, in: tx)
        }
        return MethodResult(message)
    }
}
