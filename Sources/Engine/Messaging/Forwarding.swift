import BotAPI
import Foundation
import Storage

/// Forwarding and copying messages a caller can see, and the shared path of the `send…`
/// methods for the simple message kinds (location, venue, contact, dice, poll).
enum Forwarding {
    /// Content fields that make a message forwardable; a message with none of them is a
    /// service message.
    static func hasContent(_ m: Message) -> Bool {
        m.text != nil || m.animation != nil || m.audio != nil || m.document != nil || m.livePhoto != nil
            || m.paidMedia != nil || m.photo != nil || m.sticker != nil || m.story != nil || m.video != nil
            || m.videoNote != nil || m.voice != nil || m.checklist != nil || m.contact != nil || m.dice != nil
            || m.game != nil || m.poll != nil || m.venue != nil || m.location != nil || m.invoice != nil
            || m.giveaway != nil || m.giveawayWinners != nil
    }

    /// Whether `message` has a media caption that `caption` on copyMessage may replace.
    static func takesCaption(_ m: Message) -> Bool {
        m.animation != nil || m.audio != nil || m.document != nil || m.photo != nil || m.video != nil
            || m.voice != nil || m.paidMedia != nil || m.livePhoto != nil
    }

    /// The content of `source` without what belongs to its place in its chat: id, date,
    /// sender, reply, keyboard, edit date, protection. Forwards and copies start from this.
    static func bareContent(of source: Message) -> Message {
        var content = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
        content.text = source.text
        content.entities = source.entities
        content.linkPreviewOptions = source.linkPreviewOptions
        content.animation = source.animation
        content.audio = source.audio
        content.document = source.document
        content.livePhoto = source.livePhoto
        content.paidMedia = source.paidMedia
        content.photo = source.photo
        content.sticker = source.sticker
        content.story = source.story
        content.video = source.video
        content.videoNote = source.videoNote
        content.voice = source.voice
        content.caption = source.caption
        content.captionEntities = source.captionEntities
        content.showCaptionAboveMedia = source.showCaptionAboveMedia
        content.hasMediaSpoiler = source.hasMediaSpoiler
        content.checklist = source.checklist
        content.contact = source.contact
        content.dice = source.dice
        content.game = source.game
        content.poll = source.poll
        content.venue = source.venue
        content.location = source.location
        content.invoice = source.invoice
        content.giveaway = source.giveaway
        content.giveawayWinners = source.giveawayWinners
        return content
    }

    /// Where a forward says it comes from: the first origin of a message forwarded again,
    /// else its sender (a user, or the channel or group it was posted as) at its send date.
    static func origin(of source: Message) -> MessageOrigin? {
        if let origin = source.forwardOrigin { return origin }
        if let senderChat = source.senderChat {
            if senderChat.type == "channel" {
                return .channel(MessageOriginChannel(
                    date: source.date, chat: senderChat, messageId: source.messageId, authorSignature: source.authorSignature))
            }
            return .chat(MessageOriginChat(date: source.date, senderChat: senderChat, authorSignature: source.authorSignature))
        }
        guard let sender = source.from else { return nil }
        return .user(MessageOriginUser(date: source.date, senderUser: sender))
    }

    /// A forwarded message's content. A poll travels as a new poll with no answers (answers
    /// are kept per message here), a stopped live location as a plain one.
    static func forwardContent(of source: Message) -> Message {
        var content = bareContent(of: source)
        content.forwardOrigin = origin(of: source)
        content.viaBot = source.viaBot
        content.poll = source.poll.map(Polls.fresh)
        content.location = source.location.map(LiveLocations.sentAgain)
        return content
    }

    /// A copied message's content: no origin; dice are rolled again and polls start over.
    static func copyContent(of source: Message) -> Message {
        var content = bareContent(of: source)
        content.poll = source.poll.map(Polls.fresh)
        content.dice = source.dice.map { Dice(emoji: $0.emoji, value: DiceRolls.roll($0.emoji)) }
        content.location = source.location.map(LiveLocations.sentAgain)
        return content
    }

    /// The messages `viewer` names in the chat `fromChatID`, by id; ids that don't exist are
    /// left out. 400 "chat not found" when the viewer has no such chat; in a group the viewer
    /// must be present.
    static func sources(_ ids: [Int], fromChatID: ChatID, viewer: AccountRecord, in tx: Transaction) throws -> [ChatMessages.Stored] {
        let chat = try MessageEditing.actingChat(fromChatID, actor: viewer, now: tx.now, in: tx.store).chat
        return try ids.compactMap { try ChatMessages.load($0, in: chat, from: tx.store) }
    }

    /// Why `source` can't be forwarded or copied, if it can't.
    static func refusal(for source: Message, copying: Bool) -> APIError? {
        if source.hasProtectedContent == true {
            return .badRequest("message has protected content and can't be forwarded")
        }
        if !hasContent(source) { return .badRequest(copying ? "message can't be copied" : "message can't be forwarded") }
        return nil
    }

    /// `message_ids` of forwardMessages, copyMessages and deleteMessages, checked with the
    /// official errors (behaviour.md §2.3), sorted and without repeats. Digit strings count
    /// as ids, as on the official server.
    static func messageIDs(_ raw: String?) throws -> [Int] {
        guard let raw, !raw.isEmpty else { throw APIError.badRequest("message identifiers are not specified") }
        let ids = try integers(
            raw, unparsable: "can't parse message_ids JSON object", notArray: "expected an Array of message identifiers",
            notNumber: "message identifier must be a Number", badText: "can't parse message identifier as a Number")
        if ids.isEmpty { throw APIError.badRequest("message identifiers are not specified") }
        if ids.count > 100 { throw APIError.badRequest("too many message identifiers specified") }
        guard ids.allSatisfy({ $0 > 0 }) else { throw APIError.badRequest("invalid message identifier specified") }
        return Array(Set(ids)).sorted()
    }

    /// A JSON array of integers, where digit strings count as integers, with the caller's
    /// official error for each way it can be wrong.
    static func integers(_ raw: String, unparsable: String, notArray: String, notNumber: String, badText: String) throws -> [Int] {
        guard let json = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest(unparsable)
        }
        guard json is [Any], let elements = try? JSONDecoder().decode([IntegerElement].self, from: Data(raw.utf8)) else {
            throw APIError.badRequest(notArray)
        }
        return try elements.map { element in
            switch element {
            case .number(let value): return value
            case .text(let text):
                guard let value = Int(text) else { throw APIError.badRequest(badText) }
                return value
            case .other: throw APIError.badRequest(notNumber)
            }
        }
    }

    /// One element of an id array: a JSON integer, a string, or anything else.
    private enum IntegerElement: Decodable {
        case number(Int), text(String), other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Int.self) {
                self = .number(value)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .other
            }
        }
    }

    /// Forwards or copies the messages `ids` of the chat `fromChatID` to `chatID`, in id
    /// order, skipping ids that don't exist or can't be sent again; 400 "messages can't be
    /// forwarded" when none is left. Returns the new message ids.
    static func sendAll(
        _ ids: [Int], from fromChatID: ChatID, to chatID: ChatID, copying: Bool, removeCaption: Bool, protectContent: Bool,
        threadID: Int? = nil, sender: AccountRecord, tx: Transaction
    ) throws -> [MessageId] {
        let destination = try Outbox.destination(chatID, from: sender, in: tx.store)
        let sources = try Forwarding.sources(ids, fromChatID: fromChatID, viewer: sender, in: tx)
            .filter { refusal(for: $0.message, copying: copying) == nil }
        if sources.isEmpty { throw APIError.badRequest("messages can't be forwarded") }
        return try sources.map { source in
            var draft = MessageDraft(protectContent: protectContent) { _ in }
            draft.threadID = threadID
            if copying {
                draft.content = copyContent(of: source.message)
                if removeCaption {
                    draft.content.caption = nil
                    draft.content.captionEntities = nil
                }
            } else {
                draft.content = forwardContent(of: source.message)
            }
            return MessageId(messageId: try Outbox.send(draft, to: destination, from: sender, in: tx).messageId)
        }
    }

    /// Checks, in the official order, the parameters every forward and copy method needs
    /// before it decodes the rest: `chat_id`, then `from_chat_id`, then (for the one-message
    /// methods) a positive `message_id`, whose absence reads `notFound`.
    static func requireChats(_ parameters: Parameters, messageNotFound notFound: String? = nil) throws {
        if parameters["chat_id"] == nil { throw APIError.badRequest("chat_id is empty") }
        if parameters["from_chat_id"] == nil { throw APIError.badRequest("parameter \"from_chat_id\" is required") }
        if let notFound, (parameters["message_id"].map(LenientParse.integer) ?? 0) <= 0 { throw APIError.badRequest(notFound) }
    }

    /// forwardMessages and copyMessages: checks `message_ids`, then ``sendAll(_:from:to:copying:removeCaption:protectContent:sender:tx:)``.
    static func runMany(_ call: MethodCall, copying: Bool) async throws -> MethodResult {
        try requireChats(call.parameters)
        let ids = try messageIDs(call.parameters["message_ids"])
        let normalized = call.replacing("message_ids", with: "\(ids)")
        let (chatID, fromChatID, protect, removeCaption): (ChatID, ChatID, Bool?, Bool?)
        if copying {
            let p: CopyMessagesParameters = try normalized.decode()
            (chatID, fromChatID, protect, removeCaption) = (p.chatId, p.fromChatId, p.protectContent, p.removeCaption)
        } else {
            let p: ForwardMessagesParameters = try normalized.decode()
            (chatID, fromChatID, protect, removeCaption) = (p.chatId, p.fromChatId, p.protectContent, nil)
        }
        let sender = call.account
        let threadID = call.messageThreadID
        let sent = try await call.engine.write { tx in
            try sendAll(
                ids, from: fromChatID, to: chatID, copying: copying, removeCaption: removeCaption ?? false,
                protectContent: protect ?? false, threadID: threadID, sender: sender, tx: tx)
        }
        return MethodResult(sent)
    }
}

extension Parameters {
    /// These parameters with `name` set to `value`, ahead of any value the call gave (the
    /// first value wins): how a method hands the decoder a parameter it normalised itself.
    func replacing(_ name: String, with value: String) -> Parameters {
        var result = Parameters()
        result.append(name, value)
        result.append(contentsOf: self)
        return result
    }
}

extension MethodCall {
    /// This call with `name` set to `value` for decoding; see ``Parameters/replacing(_:with:)``.
    func replacing(_ name: String, with value: String) -> MethodCall {
        MethodCall(engine: engine, caller: caller, parameters: parameters.replacing(name, with: value), newBlobs: newBlobs)
    }

    /// The legacy `reply_to_message_id`, used when `reply_parameters` is absent.
    var legacyReplyToMessageID: Int? { parameters["reply_to_message_id"].map(LenientParse.integer) }

    /// `message_thread_id`, which every `send…`, forward and copy method accepts.
    var messageThreadID: Int? { parameters["message_thread_id"].map(LenientParse.integer).flatMap { $0 > 0 ? $0 : nil } }

    /// Sends a message whose content `fill` sets, in one transaction, to the chat `chatID`:
    /// the shared path of the simple `send…` methods. Returns it as the caller sees it.
    func send(
        to chatID: ChatID, replyMarkup: ReplyMarkup?, replyParameters: ReplyParameters?, protectContent: Bool?,
        ephemeral: EphemeralTarget? = nil, content fill: @escaping @Sendable (inout Message, Transaction) throws -> Void
    ) async throws -> Message {
        let sender = account
        let legacyReply = legacyReplyToMessageID
        let threadID = messageThreadID
        let effectID = parameters["message_effect_id"]
        let business = businessConnectionID
        let (topicID, suggestedPost) = directMessagesOptions
        return try await engine.write { tx in
            let destination = try Outbox.destination(chatID, from: sender, business: business, in: tx.store)
            var content = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
            try fill(&content, tx)
            var draft = MessageDraft(
                replyMarkup: replyMarkup, replyParameters: replyParameters, legacyReplyToMessageID: legacyReply,
                protectContent: protectContent ?? false) { _ in }
            draft.content = content
            draft.threadID = threadID
            draft.effectID = effectID
            draft.ephemeral = ephemeral
            draft.directMessagesTopicID = topicID
            draft.suggestedPost = suggestedPost
            return try Outbox.send(draft, to: destination, from: sender, business: business, in: tx)
        }
    }
}
