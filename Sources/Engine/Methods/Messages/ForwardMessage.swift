import BotAPI
import Storage

/// `forwardMessage` for bots and users: the message again, with `forward_origin` naming
/// its first sender. Protected messages and service messages are refused.
enum ForwardMessage: APIMethod {
    static let name = "forwardMessage"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try Forwarding.requireChats(call.parameters, messageNotFound: "message to forward not found")
        let p: ForwardMessageParameters = try call.decode()
        let sender = call.account
        let message = try await call.engine.write { tx in
            let destination = try Outbox.destination(p.chatId, from: sender, in: tx.store)
            guard let source = try Forwarding.sources([p.messageId], fromChatID: p.fromChatId, viewer: sender, in: tx).first else {
                throw APIError.badRequest("message to forward not found")
            }
            if let refusal = Forwarding.refusal(for: source.message, copying: false) { throw refusal }
            var draft = MessageDraft(protectContent: p.protectContent ?? false) { _ in }
            draft.content = Forwarding.forwardContent(of: source.message)
            draft.threadID = p.messageThreadId
            return try Outbox.send(draft, to: destination, from: sender, in: tx)
        }
        return MethodResult(message)
    }
}
