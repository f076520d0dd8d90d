import BotAPI
import Storage

/// `stopPoll` for bots and users: closes a poll the caller sent and answers its final
/// state. Voters see the closed poll (a quiz's answer with it) and a bot that sent it gets
/// a `poll` update.
enum StopPoll: APIMethod {
    static let name = "stopPoll"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: StopPollParameters = try call.decode()
        let actor = call.account
        let poll = try await call.engine.write { tx in
            let chat = try MessageEditing.actingChat(p.chatId, actor: actor, now: tx.now, in: tx.store).chat
            guard var stored = try ChatMessages.load(p.messageId, in: chat, from: tx.store), var poll = stored.message.poll else {
                throw APIError.badRequest("message with poll to stop not found")
            }
            guard stored.record.senderID == actor.id else { throw APIError.badRequest("message can't be edited") }
            if Polls.isClosed(poll, now: tx.now) { throw APIError.badRequest("poll has already been closed") }
            poll.isClosed = true
            stored.message.poll = poll
            if let keyboard = p.replyMarkup, actor.isBot {
                let place = Keyboards.Place(chat.kind)
                stored.message.replyMarkup = try Keyboards.validated(keyboard, in: place)
            }
            try ChatMessages.save(stored, in: tx.store)
            try Polls.publish(stored, chat: chat, actor: actor, answer: nil, revealTo: nil, tx: tx)
            return poll
        }
        return MethodResult(poll)
    }
}
