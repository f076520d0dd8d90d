import BotAPI
import Foundation
import Storage

/// Reactions to messages: which ones an account may set, each account's current list (one
/// ``MessageChoiceRecord`` of kind "reaction" per account and message), and the
/// `message_reaction` updates bots get when someone else's reactions change.
///
/// `message_reaction_count` reports anonymous reactions in channels; private chats have
/// none, so it is never produced here.
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

    /// Replaces `actor`'s reactions on the message and tells the other bots in the chat.
    /// Setting the same list again changes nothing and tells no one.
    static func set(_ reactions: [ReactionType], by actor: AccountRecord, on stored: ChatMessages.Stored, chat: ChatRecord, tx: Transaction) throws {
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
            if chat.kind != "private", try tx.store.member(chatID: chat.id, accountID: recipient.id)?.isAdministrator != true { continue }
            let seen = try ChatMessages.view(stored.message, in: chat, for: recipient, in: tx.store)
            let update = MessageReactionUpdated(
                chat: seen.chat, messageId: stored.message.messageId, user: Views.user(actor), date: Int(tx.now),
                oldReaction: old, newReaction: reactions)
            try tx.enqueue(
                recipient: recipient.id, kind: "message_reaction", key: "message_reaction:\(seen.chat.id)", eventDate: tx.now,
                payload: Array("\"message_reaction\":".utf8) + update.jsonBytes)
        }
    }
}
