import BotAPI
import Storage

/// `sendRichMessageDraft`: streams a rich draft to a user in a private chat
/// (``MessageDrafts``); thinking blocks are allowed here only.
enum SendRichMessageDraft: APIMethod {
    static let name = "sendRichMessageDraft"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let draftID = try MessageDrafts.draftID(call)
        guard call.parameters.contains("rich_message") else { throw APIError.badRequest("parameter \"rich_message\" is required") }
        let p: SendRichMessageDraftParameters = try call.decode()
        let prepared = try await RichMessageInput.prepare(p.richMessage, allowThinking: true, call: call)
        let bot = call.account
        let threadID = call.messageThreadID
        try await call.engine.write { tx in
            let (chat, user) = try MessageDrafts.chat(p.chatId, bot: bot, in: tx.store)
            var builder = RichMessageBuilder(sender: bot, store: tx.store, now: tx.now)
            let rich = try builder.build(prepared)
            try MessageDrafts.show(
                .rich(rich), draftID: draftID, threadID: threadID, canStop: p.canStop ?? false, keepOnStop: p.keepOnStop ?? false,
                from: bot, in: chat, to: user, tx: tx)
        }
        return .true
    }
}
