import BotAPI
import Foundation
import Formatting
import Storage

/// Polls: building them from `sendPoll`, the answers people give (one ``MessageChoiceRecord``
/// of kind "poll" per voter), the counts the message shows, and who is told what changed.
///
/// The poll in a stored message is its sender's view, counts included, so it survives
/// restarts with the message. A quiz's answer is part of it; people who have not answered
/// an open quiz see it without (``view(_:for:senderID:hasAnswered:)``).
enum Polls {
    static let maxOptions = 12
    static let maxQuestionLength = 300
    static let maxOptionLength = 100
    static let maxExplanationLength = 200
    /// `open_period` is clamped to this many seconds (behaviour.md §5).
    static let maxOpenPeriod = 2_628_000

    /// A new poll id: a decimal string like Telegram's, random so that ids never repeat
    /// across chats or restarts.
    static func newID() -> String { String(UInt64.random(in: 1_000_000_000_000_000_000...9_000_000_000_000_000_000)) }

    /// The same question and options as a new poll: new id, no answers, open.
    static func fresh(_ poll: Poll) -> Poll {
        var copy = poll
        copy.id = newID()
        copy.totalVoterCount = 0
        copy.isClosed = false
        copy.closeDate = nil
        copy.openPeriod = nil
        copy.options = poll.options.map { option in
            var option = option
            option.voterCount = 0
            return option
        }
        return copy
    }

    /// Whether no more answers are taken: stopped, or past its `close_date`.
    static func isClosed(_ poll: Poll, now: Int64) -> Bool {
        poll.isClosed || (poll.closeDate.map { Int64($0) <= now } ?? false)
    }

    /// `poll` as `viewer` sees it. An open quiz hides its answer and explanation from people
    /// who neither sent nor answered it; bots see it, as the Bot API shows it to bots in
    /// private chats.
    static func view(_ poll: Poll, for viewer: AccountRecord, senderID: Int64, hasAnswered: Bool) -> Poll {
        guard poll.type == "quiz", !poll.isClosed, !viewer.isBot, viewer.id != senderID, !hasAnswered else { return poll }
        var hidden = poll
        hidden.correctOptionIds = nil
        hidden.explanation = nil
        hidden.explanationEntities = nil
        hidden.explanationMedia = nil
        return hidden
    }

    // MARK: sendPoll parameters

    /// `options` as a JSON array of InputPollOption objects; plain strings (the older form,
    /// still sent by many libraries) become options with that text.
    static func normalizedOptions(_ raw: String?) throws -> String {
        guard let raw, !raw.isEmpty else { throw APIError.badRequest("parameter \"options\" is required") }
        guard let json = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse options JSON object")
        }
        guard let array = json as? [Any] else { throw APIError.badRequest("expected an Array of String as options") }
        var objects: [Any] = []
        for element in array {
            switch element {
            case let text as String: objects.append(["text": text])
            case let object as [String: Any]:
                guard object["text"] is String else { throw APIError.badRequest("can't parse InputPollOption: Can't find field \"text\"") }
                objects.append(object)
            default: throw APIError.badRequest("expected an option to be of type String")
            }
        }
        let data = try JSONSerialization.data(withJSONObject: objects)
        return String(decoding: data, as: UTF8.self)
    }

    /// The quiz's correct options from `correct_option_ids`, or the older single
    /// `correct_option_id`, as a JSON array; nil when neither was given.
    static func normalizedCorrectOptions(_ parameters: Parameters) throws -> String? {
        if let raw = parameters["correct_option_ids"] {
            let ids = try Forwarding.integers(
                raw, unparsable: "can't parse correct option identifiers JSON object",
                notArray: "expected an Array of correct option identifiers",
                notNumber: "correct option identifier must be of type Number",
                badText: "correct option identifier must be of type Number")
            return "[" + ids.map(String.init).joined(separator: ",") + "]"
        }
        if let single = parameters["correct_option_id"] {
            return "[\(LenientParse.integer(single))]"
        }
        return nil
    }

    /// A poll text (question, option, explanation, description) with its parse mode or
    /// entities, at most `limit` characters; `onlyCustomEmoji` keeps only custom emoji
    /// entities, as Telegram does in questions and options. Text mentions name accounts the
    /// `sender` can see.
    static func text(
        _ raw: String, parseMode: String?, entities: [MessageEntity]?, limit: Int, tooLong: String, onlyCustomEmoji: Bool,
        sender: AccountRecord, in tx: Transaction
    ) throws -> (text: String, entities: [MessageEntity]?) {
        var (text, composed) = try MessageText.compose(
            text: raw, parseMode: parseMode, entities: entities, kind: .caption,
            resolveUser: { id in try Visibility.mentionedUser(id, sender: sender, in: tx.store) })
        if text.unicodeScalars.count > limit { throw APIError.badRequest(tooLong) }
        if onlyCustomEmoji { composed = composed?.filter { $0.type == "custom_emoji" } }
        return (text, composed?.isEmpty == true ? nil : composed)
    }

    // MARK: Answers

    /// The option ids `voter` chose in the poll of message `messageID` of `chat`, or nil.
    static func answerIDs(of voter: Int64, messageID: Int, in chat: ChatRecord, from tx: any StoreReader) throws -> [Int]? {
        guard let record = try tx.choice(chatID: chat.id, messageID: Int64(messageID), actorID: voter, kind: "poll") else { return nil }
        return try JSONDecoder().decode([Int].self, from: record.value)
    }

    /// Records `voter`'s answer (empty: retracted) and recounts the poll of `stored`.
    static func record(_ optionIDs: [Int], by voter: AccountRecord, in stored: inout ChatMessages.Stored, tx: Transaction) throws {
        let chatID = stored.record.chatID, messageID = stored.record.messageID
        if optionIDs.isEmpty {
            try tx.store.deleteChoice(chatID: chatID, messageID: messageID, actorID: voter.id, kind: "poll")
        } else {
            try tx.store.save(MessageChoiceRecord(
                chatID: chatID, messageID: messageID, actorID: voter.id, kind: "poll",
                value: Data(("[" + optionIDs.map(String.init).joined(separator: ",") + "]").utf8), date: tx.now))
        }
        guard var poll = stored.message.poll else { return }
        var counts = Array(repeating: 0, count: poll.options.count)
        let answers = try tx.store.choices(chatID: chatID, messageID: messageID, kind: "poll")
        for answer in answers {
            for id in try JSONDecoder().decode([Int].self, from: answer.value) where counts.indices.contains(id) { counts[id] += 1 }
        }
        for index in poll.options.indices { poll.options[index].voterCount = counts[index] }
        poll.totalVoterCount = answers.count
        stored.message.poll = poll
    }

    /// Tells everyone concerned that the poll of `stored` changed (an answer, or it was
    /// stopped): its sender, if a bot, gets `poll` (and, for an answer to a non-anonymous
    /// poll, `poll_answer`); the people in the chat other than `actor` get `poll` as they
    /// see it. `revealTo` also gets it: a voter who just answered a quiz learns the answer.
    static func publish(
        _ stored: ChatMessages.Stored, chat: ChatRecord, actor: AccountRecord, answer: [Int]?, revealTo: AccountRecord?,
        tx: Transaction
    ) throws {
        guard let poll = stored.message.poll else { return }
        // People see the poll change; of bots, only the one that sent it hears about it, in
        // a group whatever its privacy mode.
        var recipients = try ChatMessages.otherMembers(of: chat, besides: actor, in: tx.store).filter { !$0.isBot }
        if let revealTo, !recipients.contains(where: { $0.id == revealTo.id }) { recipients.append(revealTo) }
        if let sender = try tx.store.account(id: stored.record.senderID), sender.isBot { recipients.append(sender) }
        for recipient in recipients {
            if recipient.isBot {
                if let answer, !poll.isAnonymous {
                    let pollAnswer = PollAnswer(
                        pollId: poll.id, user: Views.user(actor), optionIds: answer,
                        optionPersistentIds: answer.map { poll.options[$0].persistentId })
                    try tx.enqueue(.pollAnswer(pollID: poll.id, pollAnswer.jsonBytes), for: recipient.id)
                }
                try tx.enqueue(.poll(id: poll.id, poll.jsonBytes), for: recipient.id)
            } else {
                let answered = try answerIDs(of: recipient.id, messageID: stored.message.messageId, in: chat, from: tx.store) != nil
                let seen = view(poll, for: recipient, senderID: stored.record.senderID, hasAnswered: answered)
                try tx.enqueue(.poll(id: poll.id, seen.jsonBytes), for: recipient.id)
            }
        }
    }
}
