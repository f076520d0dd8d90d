import BotAPI
import Foundation
import Storage

/// Messages in the private chats of business accounts: what the connected bot is told
/// (`business_message`, `edited_business_message`, `deleted_business_messages`, both
/// directions, as Telegram delivers them) and how it writes there for the account.
///
/// A chat is a business chat of a user when the user connected a business bot and the other
/// party is a person: chats with bots are not (guess: Telegram's business recipients are
/// people).
enum BusinessMessages {
    /// A connection watching a private chat: its business account and the other party.
    struct Watcher {
        let connection: BusinessConnectionRecord
        let owner: AccountRecord
        let other: AccountRecord
    }

    /// The enabled connections of the people in a private chat with another person.
    ///
    /// - Parameter participants: accounts of the chat the caller already holds: a bot among
    ///   them answers "no watchers" without reading (an account never becomes or stops being
    ///   a bot), which spares every bot's private send two reads.
    static func watchers(of chat: ChatRecord, in store: any StoreReader, participants: [AccountRecord] = []) throws -> [Watcher] {
        guard !participants.contains(where: \.isBot), chat.kind == .private, let low = chat.lowAccountID, let high = chat.highAccountID, low != high,
              let first = try store.account(id: low), let second = try store.account(id: high),
              !first.isBot, !second.isBot
        else { return [] }
        var watchers: [Watcher] = []
        for (owner, other) in [(first, second), (second, first)] where !owner.isDeleted {
            if let connection = try BusinessConnections.enabledConnection(of: owner.id, in: store) {
                watchers.append(Watcher(connection: connection, owner: owner, other: other))
            }
        }
        return watchers
    }

    /// `message` as the connection's bot sees it: in the chat as the business account sees
    /// it, with the connection's id; `sender_business_bot` only on the account's own
    /// messages (``PrivateChats/view(_:for:chatWith:)`` keeps it for the account only).
    static func view(_ message: Message, for watcher: Watcher) -> Message {
        var seen = PrivateChats.view(message, for: watcher.owner, chatWith: watcher.other)
        seen.businessConnectionId = watcher.connection.id
        return seen
    }

    /// Tells the business bots watching `chat` about a new or edited message, except the bot
    /// that sent it for the account (`actingBot`: its own messages do not come back to it).
    static func announce(
        _ message: Message, edited: Bool, in chat: ChatRecord, actingBot: Int64?, participants: [AccountRecord] = [], tx: Transaction
    ) throws {
        for watcher in try watchers(of: chat, in: tx.store, participants: participants) where watcher.connection.botID != actingBot {
            guard let bot = try tx.store.account(id: watcher.connection.botID), !bot.isDeleted else { continue }
            let seen = view(message, for: watcher)
            try Visibility.received(seen, by: bot, in: tx.store)
            try tx.enqueue(.businessMessage(edited: edited, chat: chat.id, seen.jsonBytes), for: bot.id)
        }
    }

    /// Tells the business bots watching `chat` that `messageIDs` were deleted.
    static func announceDeletion(_ messageIDs: [Int], in chat: ChatRecord, tx: Transaction) throws {
        guard !messageIDs.isEmpty else { return }
        for watcher in try watchers(of: chat, in: tx.store) {
            let deleted = BusinessMessagesDeleted(
                businessConnectionId: watcher.connection.id, chat: Views.privateChat(with: watcher.other), messageIds: messageIDs)
            try tx.enqueue(.deletedBusinessMessages(chat: chat.id, deleted.jsonBytes), for: watcher.connection.botID)
        }
    }

    // MARK: Writing for the account

    /// The person a business call's `chat_id` names, checked as the official server and
    /// TDLib do: a numeric id, a known connection of the bot, a private chat, not the
    /// account itself.
    static func peer(_ chatID: ChatID, access: BusinessAccess, in store: any StoreReader) throws -> AccountRecord {
        guard case .id(let id) = chatID else { throw APIError.badRequest("chat identifier must be a valid Integer") }
        guard id > 0 else { throw APIError.badRequest("chat must be a private chat") }
        guard Int64(id) != access.user.id else { throw APIError.badRequest("messages must not be sent to self") }
        guard let peer = try store.account(id: Int64(id)), !peer.isDeleted else { throw APIError.badRequest("chat not found") }
        // Bots are not business recipients; the account reaches a person it knows.
        guard !peer.isBot, try store.privateChat(between: access.user.id, and: peer.id) != nil else {
            throw APIError.badRequest("chat not found")
        }
        return peer
    }

    /// The `chat_id` of a business call that names a chat, with the official server's checks
    /// (it must be a number).
    static func chatID(of call: MethodCall) throws -> ChatID {
        guard let text = call.parameters["chat_id"], !text.isEmpty else { throw APIError.badRequest("chat identifier is empty") }
        guard let id = Int(text) else { throw APIError.badRequest("chat identifier must be a valid Integer") }
        return .id(id)
    }

    /// The account's chat with a person that holds all of `messageIDs`, with those
    /// messages, or nil when none does. Message ids count per chat on this server,
    /// while Telegram numbers a person's private messages together: of the chats holding
    /// them all, the one where they were sent last is meant (guess).
    static func chat(containing messageIDs: [Int], of owner: AccountRecord, in store: any StoreReader) throws -> (ChatRecord, [ChatMessages.Stored])? {
        guard let lists = store as? any ChatListReader else { throw ChatHistory.ChatListsUnsupported() }
        var best: (chat: ChatRecord, messages: [ChatMessages.Stored], date: Int64)?
        for chat in try lists.privateChats(of: owner.id) {
            let otherID = PrivateChats.chatIDSeen(by: owner, in: chat)
            guard otherID != owner.id, let other = try store.account(id: otherID), !other.isBot else { continue }
            var found: [ChatMessages.Stored] = []
            for id in Set(messageIDs).sorted() {
                guard let stored = try ChatMessages.load(id, in: chat, from: store) else { break }
                found.append(stored)
            }
            guard found.count == Set(messageIDs).count, let date = found.map(\.record.date).max() else { continue }
            if best == nil || date > best!.date { best = (chat, found, date) }
        }
        return best.map { ($0.chat, $0.messages) }
    }

    /// The private chat of the business account with `chatID`, for acting on its messages
    /// (editing, deleting, reading) with `right`; answers the access and the chat.
    static func chat(
        _ chatID: ChatID, connectionID: String?, bot: AccountRecord, requiring right: BusinessRight, in store: any StoreReader
    ) throws -> (access: BusinessAccess, chat: ChatRecord) {
        let access = try BusinessConnections.resolve(connectionID, bot: bot, in: store)
        let other = try Self.peer(chatID, access: access, in: store)
        try access.require(right)
        guard let chat = try store.privateChat(between: access.user.id, and: other.id) else { throw APIError.badRequest("chat not found") }
        return (access, chat)
    }
}
