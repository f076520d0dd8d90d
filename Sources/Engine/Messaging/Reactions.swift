import BotAPI
import Foundation
import Storage

/// Reactions to messages: which ones an account may set, each account's current list (one
/// ``MessageChoiceRecord`` of kind "reaction" per account and message), and the
/// `message_reaction` updates bots get when someone else's reactions change.
///
/// People see every message's reaction counts: the other people in the chat get
/// `message_reaction_count` (with `is_chosen` on their own reactions, see ``Tally``) when
/// any account's reactions change, and `getChatHistory` carries the counts on each message.
/// Bots are not sent `message_reaction_count`: on Telegram it reports anonymous channel
/// reactions, which this server does not have.
enum Reactions {
    /// The emoji a reaction may use (`ReactionTypeEmoji.emoji` in the spec).
    static let allowedEmoji: Set<String> = [
        "❤", "👍", "👎", "🔥", "🥰", "👏", "😁", "🤔", "🤯", "😱", "🤬", "😢", "🎉", "🤩", "🤮", "💩", "🙏", "👌", "🕊",
        "🤡", "🥱", "🥴", "😍", "🐳", "❤‍🔥", "🌚", "🌭", "💯", "🤣", "⚡", "🍌", "🏆", "💔", "🤨", "😐", "🍓", "🍾",
        "💋", "🖕", "😈", "😴", "😭", "🤓", "👻", "👨‍💻", "👀", "🎃", "🙈", "😇", "😨", "🤝", "✍", "🤗", "🫡", "🎅",
        "🎄", "☃", "💅", "🤪", "🗿", "🆒", "💘", "🙉", "🦄", "😘", "💊", "🙊", "😎", "👾", "🤷‍♂", "🤷", "🤷‍♀", "😡",
    ]

    /// The most reactions one account may put on a message: bots and most people one,
    /// Premium users three.
    static func limit(for actor: AccountRecord) -> Int { !actor.isBot && actor.isPremium ? 3 : 1 }

    /// The `reaction` parameter: absent or empty means "remove my reactions".
    static func parse(_ raw: String?) throws -> [ReactionType] {
        guard let raw, !raw.isEmpty else { return [] }
        do {
            return try JSONDecoder().decode([ReactionType].self, from: Data(raw.utf8))
        } catch {
            throw APIError.badRequest("can't parse reaction types JSON object")
        }
    }

    /// `reactions` as `actor` may set them: emoji from the allowed list (an emoji
    /// presentation selector is ignored), custom emoji for Premium users only, no paid
    /// reactions in private chats, repeats dropped, at most ``limit(for:)``.
    static func validated(_ reactions: [ReactionType], by actor: AccountRecord) throws -> [ReactionType] {
        var result: [ReactionType] = []
        for reaction in reactions {
            let checked: ReactionType
            switch reaction {
            case .emoji(let emoji):
                let bare = String(String.UnicodeScalarView(emoji.emoji.unicodeScalars.filter { $0 != "\u{FE0F}" }))
                guard allowedEmoji.contains(bare) else { throw APIError.badRequest("REACTION_INVALID") }
                checked = .emoji(ReactionTypeEmoji(emoji: bare))
            case .customEmoji:
                guard !actor.isBot, actor.isPremium else { throw APIError.badRequest("REACTION_INVALID") }
                checked = reaction
            case .paid:
                throw APIError.badRequest("REACTION_INVALID")
            }
            if !result.contains(checked) { result.append(checked) }
        }
        if result.count > limit(for: actor) { throw APIError.badRequest("REACTIONS_TOO_MANY") }
        return result
    }

    /// `actor`'s current reactions on the message.
    static func current(of actor: AccountRecord, on stored: ChatMessages.Stored, in tx: any StoreReader) throws -> [ReactionType] {
        guard let record = try tx.choice(chatID: stored.record.chatID, messageID: stored.record.messageID, actorID: actor.id, kind: "reaction") else {
            return []
        }
        return try JSONDecoder().decode([ReactionType].self, from: record.value)
    }

    /// Replaces `actor`'s reactions on the message and tells the other bots in the chat, and
    /// the people in it but `caller` (whose call made the change: `actor` itself, or an
    /// administrator removing `actor`'s reactions) the new counts.
    /// Setting the same list again changes nothing and tells no one.
    static func set(
        _ reactions: [ReactionType], by actor: AccountRecord, on stored: ChatMessages.Stored, chat: ChatRecord,
        caller: AccountRecord? = nil, tx: Transaction
    ) throws {
        let old = try current(of: actor, on: stored, in: tx.store)
        guard old != reactions else { return }
        let chatID = stored.record.chatID, messageID = stored.record.messageID
        if reactions.isEmpty {
            try tx.store.deleteChoice(chatID: chatID, messageID: messageID, actorID: actor.id, kind: "reaction")
        } else {
            try tx.store.save(MessageChoiceRecord(
                chatID: chatID, messageID: messageID, actorID: actor.id, kind: "reaction", value: Data(reactions.jsonBytes), date: tx.now))
        }
        // Bots get reactions only from people, and only if they asked (`message_reaction` is
        // not in the default allowed_updates; the queue filters it); in groups only
        // administrator bots get them.
        for recipient in try ChatMessages.otherMembers(of: chat, besides: actor, in: tx.store) where recipient.isBot && !actor.isBot {
            if chat.kind.isGroupLike, try tx.store.member(chatID: chat.id, accountID: recipient.id)?.isAdministrator != true { continue }
            let seen = try ChatMessages.view(stored.message, in: chat, for: recipient, in: tx.store)
            let update = MessageReactionUpdated(
                chat: seen.chat, messageId: stored.message.messageId, user: Views.user(actor), date: Int(tx.now),
                oldReaction: old, newReaction: reactions)
            try tx.enqueue(.messageReaction(chat: Int64(seen.chat.id), update.jsonBytes), for: recipient.id)
        }
        try announceCounts(on: stored, in: chat, besides: caller ?? actor, tx: tx)
    }

    // MARK: Counts people see

    /// One reaction on a message as a person sees it: the Bot API's `ReactionCount`, plus
    /// `is_chosen` when the viewer's own reactions include it (Telegram's apps highlight it).
    struct Tally: Sendable, JSONWritable {
        var type: ReactionType
        var totalCount: Int
        var isChosen: Bool

        func writeJSON(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("type", type)
            writer.member("total_count", totalCount)
            if isChosen { writer.member("is_chosen", true) }
            writer.endObject()
        }
    }

    /// The reactions on message `messageID` of chat `chatID` as `viewer` sees them: most
    /// used first, equal counts in the order of their earliest reaction (by date, then by
    /// the reacting account's id, as the store lists choices).
    static func tallies(chatID: Int64, messageID: Int64, for viewer: Int64, in tx: any StoreReader) throws -> [Tally] {
        tallies(of: try reactionLists(chatID: chatID, messageID: messageID, in: tx), for: viewer)
    }

    /// Every account's reactions on the message, earliest first (by date, then by the
    /// reacting account's id, as the store lists choices).
    private static func reactionLists(chatID: Int64, messageID: Int64, in tx: any StoreReader) throws -> [(actorID: Int64, reactions: [ReactionType])] {
        try tx.choices(chatID: chatID, messageID: messageID, kind: "reaction")
            .sorted { ($0.date, $0.actorID) < ($1.date, $1.actorID) }
            .compactMap { choice in
                (try? JSONDecoder().decode([ReactionType].self, from: choice.value)).map { (choice.actorID, $0) }
            }
    }

    private static func tallies(of lists: [(actorID: Int64, reactions: [ReactionType])], for viewer: Int64) -> [Tally] {
        var tallies: [Tally] = []
        for (actorID, list) in lists {
            for reaction in list {
                if let index = tallies.firstIndex(where: { $0.type == reaction }) {
                    tallies[index].totalCount += 1
                    tallies[index].isChosen = tallies[index].isChosen || actorID == viewer
                } else {
                    tallies.append(Tally(type: reaction, totalCount: 1, isChosen: actorID == viewer))
                }
            }
        }
        // A stable sort keeps first-come order among equal counts.
        return tallies.enumerated().sorted { ($1.element.totalCount, $0.offset) < ($0.element.totalCount, $1.offset) }.map(\.element)
    }

    /// The `message_reaction_count` update a person gets (the Bot API's
    /// `MessageReactionCountUpdated`, its counts as ``Tally``s).
    struct CountUpdate: JSONWritable {
        let chat: Chat
        let messageID: Int
        let date: Int
        let reactions: [Tally]

        func writeJSON(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("chat", chat)
            writer.member("message_id", messageID)
            writer.member("date", date)
            writer.member("reactions", reactions)
            writer.endObject()
        }
    }

    /// Sends the message's new counts to every person in the chat but `caller`.
    private static func announceCounts(on stored: ChatMessages.Stored, in chat: ChatRecord, besides caller: AccountRecord, tx: Transaction) throws {
        // Read once; only `is_chosen` differs from one person to the next.
        let lists = try reactionLists(chatID: chat.id, messageID: stored.record.messageID, in: tx.store)
        for recipient in try ChatMessages.otherMembers(of: chat, besides: caller, in: tx.store) where !recipient.isBot && !recipient.isDeleted {
            let seen = try ChatMessages.view(stored.message, in: chat, for: recipient, in: tx.store)
            let update = CountUpdate(
                chat: seen.chat, messageID: seen.messageId, date: Int(tx.now),
                reactions: tallies(of: lists, for: recipient.id))
            // Ordered with the chat's messages, so the counts never overtake the message itself.
            try tx.enqueue(.messageReactionCount(chat: Int64(seen.chat.id), update.jsonBytes), for: recipient.id, toPerson: true)
        }
    }
}
