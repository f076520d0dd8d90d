import BotAPI
import Foundation
import Storage

/// `sendPollAnswer`, users only (USER-API.md): chooses options in a poll, or retracts the
/// answer with an empty `option_ids`. The bot that sent the poll gets `poll_answer` (unless
/// the poll is anonymous) and `poll` with the new counts; answering a quiz shows the voter
/// its answer in a `poll` update.
enum SendPollAnswer: APIMethod {
    static let name = "sendPollAnswer"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let rawChat = call.parameters["chat_id"] else { throw APIError.badRequest("chat_id is empty") }
        guard let rawID = call.parameters["message_id"], LenientParse.integer(rawID) > 0 else {
            throw APIError.badRequest("message identifier is not specified")
        }
        guard let chatID = ChatID(parsing: rawChat) else { throw APIError.badRequest("chat not found") }
        let messageID = LenientParse.integer(rawID)
        let optionIDs = try call.parameters["option_ids"].map {
            try Forwarding.integers(
                $0, unparsable: "can't parse option_ids JSON object", notArray: "expected an Array of option identifiers",
                notNumber: "option identifier must be a Number", badText: "can't parse option identifier as a Number")
        } ?? []
        let voter = call.account
        try await call.engine.write { tx in
            let chat = try MessageEditing.actingChat(chatID, actor: voter, now: tx.now, in: tx.store).chat
            guard var stored = try ChatMessages.load(messageID, in: chat, from: tx.store) else {
                throw APIError.badRequest("message not found")
            }
            guard let poll = stored.message.poll else { throw APIError.badRequest("message has no poll") }
            let chosen = Array(Set(optionIDs)).sorted()
            let previous = try Polls.answerIDs(of: voter.id, messageID: messageID, in: chat, from: tx.store)
            try check(chosen, previous: previous, poll: poll, now: tx.now)
            // Choosing what is already chosen (or retracting nothing) changes nothing.
            if chosen == (previous ?? []) { return }
            try Polls.record(chosen, by: voter, in: &stored, tx: tx)
            try ChatMessages.save(stored, in: tx.store)
            try Polls.publish(
                stored, chat: chat, actor: voter, answer: chosen, revealTo: poll.type == "quiz" ? voter : nil, tx: tx)
        }
        return .true
    }

    /// TDLib's rules for an answer: open polls only, valid options, one option unless the
    /// poll allows several, and no change to a given answer in a quiz or in a poll that
    /// doesn't allow revoting.
    static func check(_ chosen: [Int], previous: [Int]?, poll: Poll, now: Int64) throws {
        if Polls.isClosed(poll, now: now) { throw APIError.badRequest("can't answer closed poll") }
        guard chosen.allSatisfy({ poll.options.indices.contains($0) }) else {
            throw APIError.badRequest("invalid option identifier specified")
        }
        if chosen.count > 1 && !poll.allowsMultipleAnswers {
            throw APIError.badRequest("can't choose more than 1 option in the poll")
        }
        if poll.type == "quiz" && chosen.isEmpty { throw APIError.badRequest("can't retract vote in a quiz") }
        if let previous, previous != chosen, !previous.isEmpty {
            if poll.type == "quiz" { throw APIError.badRequest("can't revote in a quiz") }
            if !poll.allowsRevoting { throw APIError.badRequest("poll answer can't be changed") }
        }
    }
}
