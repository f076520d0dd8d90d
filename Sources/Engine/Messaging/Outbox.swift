import BotAPI
import Storage

/// Where every `send…` method delivers its draft: the chat `chat_id` names, private or not.
enum Outbox {
    /// A resolved `chat_id`.
    enum Destination {
        case privateChat(peer: AccountRecord)
        case group(Group)
    }

    /// Resolves `chatID` as `sender` means it, with the official errors. Methods resolve the
    /// chat before they look at the content, as the official server does.
    static func destination(_ chatID: ChatID, from sender: AccountRecord, in tx: any StoreReader) throws -> Destination {
        if let group = try Groups.resolve(chatID, viewer: sender, in: tx) { return .group(group) }
        return .privateChat(peer: try PrivateChats.peer(for: chatID, sender: sender, in: tx))
    }

    /// Sends `draft` from `sender` and returns the message as the sender sees it.
    static func send(_ draft: MessageDraft, to destination: Destination, from sender: AccountRecord, in tx: Transaction) throws -> Message {
        var draft = draft
        if let effect = draft.effectID, !effect.isEmpty {
            guard case .privateChat = destination, MessageEffects.known.contains(effect) else {
                throw APIError.badRequest("EFFECT_ID_INVALID")
            }
            draft.content.effectId = effect
        }
        if let target = draft.ephemeral {
            return try EphemeralMessages.send(draft, to: destination, from: sender, for: target, in: tx)
        }
        if case .group(let group) = destination, group.details.directMessages?.isDirectMessagesChat == true {
            return try DirectMessagesChats.send(draft, from: sender, in: group, tx: tx)
        }
        if draft.suggestedPost != nil { throw APIError.badRequest("suggested posts can be sent only to channel direct messages") }
        switch destination {
        case .privateChat(let peer): return try PrivateChats.send(draft, from: sender, to: peer, in: tx)
        case .group(let group): return try GroupChats.send(draft, from: sender, in: group, tx: tx)
        }
    }

    /// Resolves `chatID` for a send with an optional `business_connection_id`: with one, the
    /// chat is the business account's private chat with that person (``BusinessMessages/peer(_:access:in:)``).
    static func destination(_ chatID: ChatID, from sender: AccountRecord, business: String?, in tx: any StoreReader) throws -> Destination {
        guard let business else { return try destination(chatID, from: sender, in: tx) }
        let access = try BusinessConnections.resolve(business, bot: sender, in: tx)
        return .privateChat(peer: try BusinessMessages.peer(chatID, access: access, in: tx))
    }

    /// Sends `draft` from `sender`, or, with a `business_connection_id`, from the business
    /// account the bot `sender` acts for (it needs `can_reply`). The answer is the message as
    /// the sender sees it; a business message carries the connection's id.
    static func send(_ draft: MessageDraft, to destination: Destination, from sender: AccountRecord, business: String?, in tx: Transaction) throws -> Message {
        guard let business else { return try send(draft, to: destination, from: sender, in: tx) }
        let access = try BusinessConnections.resolve(business, bot: sender, requiring: .reply, in: tx.store)
        var draft = draft
        draft.businessBot = sender
        var sent = try send(draft, to: destination, from: access.user, in: tx)
        sent.businessConnectionId = access.connection.id
        return sent
    }

    /// Resolves `chatID`, then sends `draft` there.
    static func send(_ draft: MessageDraft, to chatID: ChatID, from sender: AccountRecord, in tx: Transaction) throws -> Message {
        try send(draft, to: destination(chatID, from: sender, in: tx.store), from: sender, in: tx)
    }
}

/// Message effects clients offer (`message_effect_id`): the free reaction animations.
enum MessageEffects {
    static let known: Set<String> = [
        "5104841245755180586", // 🔥
        "5107584321108051014", // 👍
        "5104858069142078462", // 👎
        "5044134455711629726", // ❤️
        "5046509860389126442", // 🎉
        "5046589136895476101", // 💩
    ]
}
