import BotAPI
import Foundation
import Storage

/// Messages in private chats. A private chat is stored once for both parties; each sees
/// the other's user id as the chat id and gets the other's messages as updates.
enum PrivateChats {
    /// The account a private `chat_id` names: a user id of an account the sender can see
    /// (``Visibility``), or `@username` (users may address anyone by username; bots only
    /// bots, as on Telegram).
    static func peer(for chatID: ChatID, sender: AccountRecord, in tx: any StoreReader) throws -> AccountRecord {
        let peer: AccountRecord?
        switch chatID {
        case .id(let id):
            guard id > 0 else { throw APIError.badRequest("chat not found") }
            peer = try Visibility.account(id: Int64(id), viewer: sender, in: tx)
        case .username(let name):
            peer = try tx.account(username: name).flatMap { sender.isBot && !$0.isBot ? nil : $0 }
        }
        guard let peer, !(peer.isDeleted && peer.isBot) else { throw APIError.badRequest("chat not found") }
        return peer
    }

    /// Checks that `sender` may write to `peer`, creating their chat when a person starts it
    /// (or, `initiating`, a bot's service message such as a gift does).
    static func openChat(from sender: AccountRecord, to peer: AccountRecord, initiating: Bool = false, in tx: any StoreWriter) throws -> ChatRecord {
        if peer.isDeleted { throw APIError.forbidden("user is deactivated") }
        if sender.id == peer.id && sender.isBot { throw APIError.forbidden("bot can't send messages to bots") }
        if sender.isBot && peer.isBot { throw APIError.forbidden("bot can't send messages to bots") }
        let existing = try tx.privateChat(between: sender.id, and: peer.id)
        if sender.isBot && !initiating {
            guard let chat = existing, chat.hasWritten(peer.id) else {
                throw APIError.forbidden("bot can't initiate conversation with a user")
            }
            if chat.hasBlocked(peer.id) { throw APIError.forbidden("bot was blocked by the user") }
            return chat
        }
        if let existing {
            if sender.isBot && existing.hasBlocked(peer.id) { throw APIError.forbidden("bot was blocked by the user") }
            return existing
        }
        return try tx.insert(ChatRecord(kind: .private, lowAccountID: min(sender.id, peer.id), highAccountID: max(sender.id, peer.id)))
    }

    /// Stores a new message from `sender` to `peer`, queues the peer's update and returns the
    /// message as the sender sees it.
    static func send(
        _ draft: MessageDraft, from sender: AccountRecord, to peer: AccountRecord, initiating: Bool = false, in tx: Transaction
    ) throws -> Message {
        var chat = try openChat(from: sender, to: peer, initiating: initiating, in: tx.store)
        let markup = try Keyboards.validated(draft.replyMarkup, from: draft.viaBot ?? draft.businessBot ?? sender)
        try ReplyKeyboards.remember(markup, from: sender, to: peer, in: tx.store)
        let replyTo = try draft.replyTarget(in: chat, knownAs: chatIDSeen(by: sender, in: chat), tx: tx.store)
        chat.lastMessageID += 1
        chat.markWritten(by: sender.id)
        try tx.store.update(chat)

        var message = draft.content
        message.messageId = Int(chat.lastMessageID)
        message.date = Int(tx.now)
        message.chat = Views.privateChat(with: peer)
        message.from = Views.user(sender)
        message.senderBusinessBot = draft.businessBot.map(Views.user)
        if draft.protectContent { message.hasProtectedContent = true }
        if var replyTo {
            replyTo.chat = message.chat
            draft.setReply(to: replyTo, on: &message)
        }
        message.replyMarkup = Keyboards.inlineKeyboard(of: markup)
        try tx.store.insert(MessageRecord(
            chatID: chat.id, messageID: chat.lastMessageID, senderID: sender.id, date: tx.now, content: Data(message.jsonBytes)))
        let receipt = Visibility.receipt(of: message)
        try receipt.apply(to: sender, in: tx.store)
        try MessageDrafts.messageSent(in: chat, by: sender, store: tx.store)

        // A person's own actions never come back in their own queue ("Saved Messages").
        guard peer.id != sender.id else { return message }
        let seenByPeer = view(message, for: peer, chatWith: sender)
        try receipt.apply(to: peer, in: tx.store)
        try ChatReplyMarkups.received(markup, messageID: chat.lastMessageID, in: chat, by: peer, tx: tx.store)
        try tx.enqueue(.message(.message, chat: sender.id, Keyboards.messageJSON(seenByPeer, markup: markup, for: peer)), for: peer.id)
        // What a business bot sends for the account is not the account's own action: the
        // account sees it arrive too.
        if draft.businessBot != nil { try tx.enqueue(.message(.message, chat: peer.id, message.jsonBytes), for: sender.id) }
        try BusinessMessages.announce(
            message, edited: false, in: chat, actingBot: draft.businessBot?.id, participants: [sender, peer], tx: tx)
        return message
    }

    /// A stored message as `viewer` sees it in its chat with `other`.
    static func view(_ message: Message, for viewer: AccountRecord, chatWith other: AccountRecord) -> Message {
        var seen = message
        seen.chat = Views.privateChat(with: other)
        // Only the business account sees which of its bots sent a message for it.
        if seen.senderBusinessBot != nil && seen.from?.id != Int(viewer.id) { seen.senderBusinessBot = nil }
        if var reply = seen.replyToMessage {
            reply.chat = seen.chat
            seen.replyToMessage = reply
        }
        // A checklist service message carries the checklist's message, seen the same way.
        if let checklistMessage = seen.checklistTasksDone?.checklistMessage {
            seen.checklistTasksDone?.checklistMessage = view(checklistMessage, for: viewer, chatWith: other)
        }
        if let checklistMessage = seen.checklistTasksAdded?.checklistMessage {
            seen.checklistTasksAdded?.checklistMessage = view(checklistMessage, for: viewer, chatWith: other)
        }
        return seen
    }

    /// The chat id `viewer` uses for a private chat: the other party's id.
    static func chatIDSeen(by viewer: AccountRecord, in chat: ChatRecord) -> Int64 {
        chat.lowAccountID == viewer.id ? chat.highAccountID ?? 0 : chat.lowAccountID ?? 0
    }
}

extension ChatRecord {
    /// Whether `account` has ever written in this private chat.
    func hasWritten(_ account: Int64) -> Bool {
        account == lowAccountID ? lowHasWritten : highHasWritten
    }

    /// Whether `account` blocked the other party.
    func hasBlocked(_ account: Int64) -> Bool {
        account == lowAccountID ? lowBlockedHigh : highBlockedLow
    }

    mutating func markWritten(by account: Int64) {
        if account == lowAccountID { lowHasWritten = true } else { highHasWritten = true }
    }

    mutating func setBlocked(_ blocked: Bool, by account: Int64) {
        if account == lowAccountID { lowBlockedHigh = blocked } else { highBlockedLow = blocked }
    }
}
