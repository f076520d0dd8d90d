import BotAPI
import Foundation
import Storage

/// `sendPoll` for bots and users: regular polls and quizzes, anonymous (the default) or not,
/// one or several answers, `open_period` / `close_date`, with TDLib's limits and errors.
enum SendPoll: APIMethod {
    static let name = "sendPoll"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        if call.parameters["chat_id"] == nil { throw APIError.badRequest("chat_id is empty") }
        var normalized = call.replacing("options", with: try Polls.normalizedOptions(call.parameters["options"]))
        if let correct = try Polls.normalizedCorrectOptions(call.parameters) {
            normalized = normalized.replacing("correct_option_ids", with: correct)
        }
        let p: SendPollParameters = try normalized.decode()
        let type = p.type ?? "regular"
        guard type == "regular" || type == "quiz" else { throw APIError.badRequest("unsupported poll type specified") }
        let correct = try correctOptions(p, type: type)
        // Presence decides these defaults: an empty value is not "absent" (behaviour.md §1.5).
        let isAnonymous = call.parameters.rawValue("is_anonymous").map(LenientParse.bool) ?? true
        // Regular polls take changed answers unless told otherwise, as they always have;
        // quizzes never do.
        let allowsRevoting = type == "regular" && (call.parameters.rawValue("allows_revoting").map(LenientParse.bool) ?? true)
        let sender = call.account
        let legacyReply = call.legacyReplyToMessageID
        let business = call.businessConnectionID
        let media = try await PreparedPollMedia(p, call: call)
        let message = try await call.engine.write { tx in
            let destination = try Outbox.destination(p.chatId, from: sender, business: business, in: tx.store)
            var poll = try makePoll(
                p, type: type, correct: correct, isAnonymous: isAnonymous, allowsRevoting: allowsRevoting, sender: sender, tx: tx)
            try media.apply(to: &poll, store: tx.store, now: tx.now)
            let full = poll
            // What the recipients see first: an open quiz without its answer, except a bot in
            // its private chat, which the Bot API shows it to.
            var botPeer = false
            if case .privateChat(let peer) = destination { botPeer = peer.isBot }
            if type == "quiz" && !poll.isClosed && !botPeer {
                poll.correctOptionIds = nil
                poll.explanation = nil
                poll.explanationEntities = nil
                poll.explanationMedia = nil
            }
            var draft = MessageDraft(
                replyMarkup: p.replyMarkup, replyParameters: p.replyParameters, legacyReplyToMessageID: legacyReply,
                protectContent: p.protectContent ?? false) { $0.poll = poll }
            draft.threadID = p.messageThreadId
            draft.effectID = p.messageEffectId
            var sent = try Outbox.send(draft, to: destination, from: sender, business: business, in: tx)
            sent.poll = full
            // A business bot's poll is its account's, in the account's chat.
            let author = try business.map { try BusinessConnections.resolve($0, bot: sender, in: tx.store).user } ?? sender
            if full != poll, let chat = try chatRecord(of: destination, sender: author, in: tx.store),
               var stored = try ChatMessages.load(sent.messageId, in: chat, from: tx.store) {
                stored.message.poll = full
                try ChatMessages.save(stored, in: tx.store)
            }
            if let closeDate = full.closeDate, let chat = try chatRecord(of: destination, sender: author, in: tx.store) {
                try PollDeadlines.schedule(Int64(closeDate), chat: chat, messageID: sent.messageId, tx: tx)
            }
            return sent
        }
        if let closeDate = message.poll?.closeDate { call.engine.pollDeadlineScheduled(at: Int64(closeDate)) }
        return MethodResult(message)
    }

    /// A quiz's correct options, sorted; nil for a regular poll.
    private static func correctOptions(_ p: SendPollParameters, type: String) throws -> [Int]? {
        guard type == "quiz" else { return nil }
        let ids = p.correctOptionIds ?? []
        guard !ids.isEmpty, ids.allSatisfy({ p.options.indices.contains($0) }) else {
            throw APIError.badRequest("invalid correct option identifier specified")
        }
        return Array(Set(ids)).sorted()
    }

    /// The stored chat a destination names.
    static func chatRecord(of destination: Outbox.Destination, sender: AccountRecord, in tx: any StoreReader) throws -> ChatRecord? {
        switch destination {
        case .privateChat(let peer): try tx.privateChat(between: sender.id, and: peer.id)
        case .group(let group): group.chat
        }
    }

    /// The poll as TDLib builds it, once the chat is known: counts, lengths, texts.
    private static func makePoll(
        _ p: SendPollParameters, type: String, correct: [Int]?, isAnonymous: Bool, allowsRevoting: Bool, sender: AccountRecord,
        tx: Transaction
    ) throws -> Poll {
        if p.options.isEmpty { throw APIError.badRequest("poll must have at least one answer option") }
        if p.options.count > Polls.maxOptions { throw APIError.badRequest("poll can't have more than \(Polls.maxOptions) options") }
        let question = try Polls.text(
            p.question, parseMode: p.questionParseMode, entities: p.questionEntities, limit: Polls.maxQuestionLength,
            tooLong: "poll question length must not exceed \(Polls.maxQuestionLength)", onlyCustomEmoji: true, sender: sender, in: tx)
        if question.text.isEmpty { throw APIError.badRequest("poll question must be non-empty") }
        var options: [PollOption] = []
        for (index, input) in p.options.enumerated() {
            let option = try Polls.text(
                input.text, parseMode: input.textParseMode, entities: input.textEntities, limit: Polls.maxOptionLength,
                tooLong: "poll options length must not exceed \(Polls.maxOptionLength)", onlyCustomEmoji: true, sender: sender, in: tx)
            if option.text.isEmpty { throw APIError.badRequest("poll option must be non-empty") }
            options.append(PollOption(persistentId: String(index), text: option.text, textEntities: option.entities, voterCount: 0))
        }
        var poll = Poll(
            id: Polls.newID(), question: question.text, questionEntities: question.entities, options: options,
            totalVoterCount: 0, isClosed: p.isClosed ?? false, isAnonymous: isAnonymous, type: type,
            allowsMultipleAnswers: p.allowsMultipleAnswers ?? false, allowsRevoting: allowsRevoting,
            membersOnly: p.membersOnly ?? false, countryCodes: p.countryCodes.flatMap { $0.isEmpty ? nil : Array($0.prefix(12)) },
            correctOptionIds: correct)
        if let explanation = p.explanation, type == "quiz" {
            let composed = try Polls.text(
                explanation, parseMode: p.explanationParseMode, entities: p.explanationEntities, limit: Polls.maxExplanationLength,
                tooLong: "explanation is too long", onlyCustomEmoji: false, sender: sender, in: tx)
            if composed.text.filter({ $0 == "\n" }).count > 2 { throw APIError.badRequest("explanation is too long") }
            if !composed.text.isEmpty {
                poll.explanation = composed.text
                poll.explanationEntities = composed.entities
            }
        }
        if let description = p.description {
            let composed = try Polls.text(
                description, parseMode: p.descriptionParseMode, entities: p.descriptionEntities, limit: 1024,
                tooLong: "message caption is too long", onlyCustomEmoji: false, sender: sender, in: tx)
            if !composed.text.isEmpty {
                poll.description = composed.text
                poll.descriptionEntities = composed.entities
            }
        }
        if let period = p.openPeriod, period > 0 {
            let clamped = min(period, Polls.maxOpenPeriod)
            poll.openPeriod = clamped
            poll.closeDate = Int(tx.now) + clamped
        } else if let closeDate = p.closeDate, Int64(closeDate) > tx.now {
            poll.closeDate = closeDate
            poll.openPeriod = closeDate - Int(tx.now)
        }
        return poll
    }
}

/// A `sendPoll` call's media (``PollMediaInput``), resolved before its transaction.
struct PreparedPollMedia: Sendable {
    var media: PollMediaInput.Resolved?
    var explanation: PollMediaInput.Resolved?
    var options: [Int: PollMediaInput.Resolved] = [:]

    init(_ p: SendPollParameters, call: MethodCall) async throws {
        if let given = p.media { media = try await PollMediaInput.resolve(given, call: call) }
        if let given = p.explanationMedia { explanation = try await PollMediaInput.resolve(given, call: call) }
        for (index, option) in p.options.enumerated() {
            if let given = option.media { options[index] = try await PollMediaInput.resolve(given, call: call) }
        }
    }

    /// Stores the files and shows the media on `poll` (explanation media only with an explanation).
    func apply(to poll: inout Poll, store: any StoreWriter, now: Int64) throws {
        if let media { poll.media = try PollMediaInput.pollMedia(media, store: store, now: now) }
        if let explanation, poll.explanation != nil {
            poll.explanationMedia = try PollMediaInput.pollMedia(explanation, store: store, now: now)
        }
        for (index, resolved) in options where poll.options.indices.contains(index) {
            poll.options[index].media = try PollMediaInput.pollMedia(resolved, store: store, now: now)
        }
    }
}
