import BotAPI
import Storage

/// `stopPoll` for bots and users: closes a poll the caller sent and answers its final
/// state. Voters see the closed poll (a quiz's answer with it) and a bot that sent it gets
/// a `poll` update. With `business_connection_id` a bot stops a poll it sent for the
/// business account (it needs `can_reply`, as for any edit there).
enum StopPoll: APIMethod {
    static let name = "stopPoll"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: StopPollParameters = try call.decode()
        let caller = call.account
        let business = call.businessConnectionID
        let poll = try await call.engine.write { tx in
            let actor: AccountRecord, chat: ChatRecord, access: BusinessAccess?
            if let business {
                let found = try BusinessMessages.chat(p.chatId, connectionID: business, bot: caller, requiring: .reply, in: tx.store)
                (actor, chat, access) = (found.access.user, found.chat, found.access)
            } else {
                (actor, chat, access) = (caller, try MessageEditing.actingChat(p.chatId, actor: caller, now: tx.now, in: tx.store).chat, nil)
            }
            guard var stored = try ChatMessages.load(p.messageId, in: chat, from: tx.store), var poll = stored.message.poll else {
                throw APIError.badRequest("message with poll to stop not found")
            }
            guard stored.record.senderID == actor.id else { throw APIError.badRequest("message can't be edited") }
            if Polls.isClosed(poll, now: tx.now) { throw APIError.badRequest("poll has already been closed") }
            poll.isClosed = true
            stored.message.poll = poll
            if let keyboard = p.replyMarkup, caller.isBot {
                let place = Keyboards.Place(chat.kind)
                stored.message.replyMarkup = try Keyboards.validated(keyboard, in: place)
            }
            try ChatMessages.save(stored, in: tx.store)
            // The business account did not stop it itself: it hears of it too, as do the
            // other bots watching the chat.
            try Polls.publish(stored, chat: chat, actor: actor, answer: nil, revealTo: access?.user, tx: tx)
            if access != nil {
                try BusinessMessages.announce(stored.message, edited: true, in: chat, actingBot: caller.id, tx: tx)
            }
            return poll
        }
        return MethodResult(poll)
    }
}
