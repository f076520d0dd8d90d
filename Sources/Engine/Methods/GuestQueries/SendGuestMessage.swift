import BotAPI
import Foundation
import Formatting
import Storage

/// `sendGuestMessage` (users): sends a text message into a group or supergroup, as
/// `sendMessage` does, and asks the guest bots it mentions by `@username` (bots that take
/// guest queries and are not in the chat, at most 3) with `guest_message`. The call waits
/// (`timeout`, default 10 s, at most 150 s) for their `answerGuestQuery` and answers
/// `{"message":Message,"answers":[Message]}`: the user's message and the bots' answers
/// posted into the chat, in order of mention (a bot that did not answer in time is left out).
enum SendGuestMessage: APIMethod {
    static let name = "sendGuestMessage"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let chat_id: ChatID
        let text: String
        let parse_mode: String?
        let timeout: Double?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let rawText = call.parameters["text"] else { throw APIError.badRequest("message text is empty") }
        guard rawText.utf8.count <= 32768 else { throw APIError.badRequest("text is too long") }
        let p: Parameters = try call.decode()
        let user = call.account, queries = call.engine.guestQueries
        let seconds = min(max(p.timeout.flatMap { $0.isFinite ? $0 : nil } ?? GuestQueries.defaultTimeout, 0), GuestQueries.maxTimeout)
        let timeout = Duration.milliseconds(Int(seconds * 1000))
        let opened = GuestQueries.Opened()
        let sent: (message: Message, chat: Int64, queryIDs: [String])
        do {
            sent = try await call.engine.write { tx in
                let group = try GuestQueries.group(p.chat_id, user: user, in: tx.store)
                let (text, entities) = try MessageText.compose(
                    text: rawText, parseMode: p.parse_mode, entities: nil, kind: .messageText, phoneNumbers: true,
                    resolveUser: { id in try Visibility.mentionedUser(id, sender: user, in: tx.store) })
                let draft = MessageDraft(replyMarkup: nil) { message in
                    message.text = text
                    message.entities = entities
                }
                let message = try Outbox.send(draft, to: .group(group), from: user, in: tx)
                let bots = try GuestQueries.mentionedBots(in: message, group: group, now: tx.now, in: tx.store)
                let ids = try GuestQueries.ask(bots, about: message, from: user, in: group, queries: queries, timeout: timeout, tx: tx)
                opened.ids = ids
                return (message, group.chat.id, ids)
            }
        } catch {
            for id in opened.ids { queries.discard(id) }
            throw error
        }
        // The waits run side by side: each bot has the whole timeout.
        let answers = await withTaskGroup(of: (Int, GuestAnswer?).self) { waits in
            for (index, id) in sent.queryIDs.enumerated() {
                waits.addTask { (index, await queries.wait(for: id, timeout: timeout, engine: call.engine)) }
            }
            var answers = [GuestAnswer?](repeating: nil, count: sent.queryIDs.count)
            for await (index, answer) in waits { answers[index] = answer }
            return answers.compactMap { $0 }
        }
        try await call.engine.requireCurrent(user)
        let messages = try await call.engine.store.read { store -> [Message] in
            guard let chat = try store.chat(id: sent.chat) else { return [] }
            return try answers.compactMap { answer in
                try store.message(chatID: chat.id, messageID: answer.messageID).map { try ChatHistory.view($0, in: chat, for: user, in: store) }
            }
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("message", sent.message)
        writer.member("answers", messages)
        writer.endObject()
        return MethodResult(json: writer.bytes)
    }
}
