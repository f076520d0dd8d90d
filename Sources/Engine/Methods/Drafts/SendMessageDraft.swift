import BotAPI
import Storage

/// `sendMessageDraft`: streams a text draft to a user in a private chat (``MessageDrafts``).
/// An empty text shows the "Thinking…" placeholder.
enum SendMessageDraft: APIMethod {
    static let name = "sendMessageDraft"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let draftID = try MessageDrafts.draftID(call)
        let p: SendMessageDraftParameters = try call.decode()
        let bot = call.account
        let threadID = call.messageThreadID
        try await call.engine.write { tx in
            let (chat, user) = try MessageDrafts.chat(p.chatId, bot: bot, in: tx.store)
            var content = MessageDrafts.Content.text("", nil)
            if let raw = p.text, !raw.isEmpty {
                let (text, entities) = try MessageText.compose(
                    text: raw, parseMode: p.parseMode, entities: p.entities, kind: .messageText, phoneNumbers: false,
                    resolveUser: { id in try Visibility.mentionedUser(id, sender: bot, in: tx.store) })
                content = .text(text, entities)
            }
            try MessageDrafts.show(
                content, draftID: draftID, threadID: threadID, canStop: p.canStop ?? false, keepOnStop: p.keepOnStop ?? false,
                from: bot, in: chat, to: user, tx: tx)
        }
        return .true
    }
}
