import BotAPI
import Foundation
import Storage

/// Who a message sent with `ephemeral_message_parameters` is for (Bot API 10.3).
struct EphemeralTarget: Sendable, Equatable {
    /// The only account that will see the message.
    var receiverID: Int64
    /// The button press the message answers: the query must be the receiver's, to this bot.
    var callbackQueryID: String?
    /// Whether the receiver's app shows the message in place of the one whose button was
    /// pressed. Checked (it needs `callbackQueryID`); the user surface has no layout to
    /// change, so it is not otherwise visible here.
    var replacesCallbackQueryMessage: Bool
}

/// Messages a bot sends to one member of a chat only: the privacy promise is that nobody
/// else ever sees them. They are stored apart from the chat's messages
/// (``EphemeralMessageRecord``), so no history, search, forward or copy can reach them,
/// and queued for their receiver alone.
///
/// What is documented: the message carries `ephemeral_message_id` and `receiver_user`;
/// `editEphemeralMessage…` and `deleteEphemeralMessage` name it by chat, receiver and id.
/// What is this server's reading (docs/user-api-extensions.md, "Ephemeral messages"):
/// `message_id` is 0; ids count from 1 per chat and receiver; only bots send them, in
/// private chats, groups and supergroups (not channels), to a present member who is a
/// person; the receiver gets `message`, `edited_message` and, on deletion, the user
/// surface's `deleted_ephemeral_messages`.
enum EphemeralMessages {
    /// The ephemeral target of a send call: its decoded `ephemeral_message_parameters`
    /// (`given`), or else the top-level `receiver_user_id` and `callback_query_id` that
    /// clients built for Bot API 10.2 send instead; nil when the call names no receiver.
    static func target(_ given: EphemeralMessageParameters?, in call: MethodCall) throws -> EphemeralTarget? {
        let receiverID: Int
        let callbackQueryID: String?
        var replaces = false
        if let given {
            receiverID = given.receiverUserId
            callbackQueryID = given.callbackQueryId
            replaces = given.replaceCallbackQueryMessage ?? false
        } else if let legacy = call.parameters["receiver_user_id"], !legacy.isEmpty {
            receiverID = LenientParse.integer(legacy)
            callbackQueryID = call.parameters["callback_query_id"]
        } else {
            return nil
        }
        guard receiverID > 0 else { throw APIError.badRequest("user not found") }
        let query = callbackQueryID.flatMap { $0.isEmpty ? nil : $0 }
        if replaces && query == nil { throw APIError.badRequest("callback_query_id must be specified to replace its message") }
        return EphemeralTarget(receiverID: Int64(receiverID), callbackQueryID: query, replacesCallbackQueryMessage: replaces)
    }

    // MARK: Sending

    /// Sends `draft` from the bot `sender` to `target`'s receiver only, in the chat
    /// `destination` names; returns the message as the sender sees it.
    static func send(
        _ draft: MessageDraft, to destination: Outbox.Destination, from sender: AccountRecord, for target: EphemeralTarget,
        in tx: Transaction
    ) throws -> Message {
        guard sender.isBot else { throw APIError.badRequest("ephemeral messages can be sent only by bots") }
        let receiver = try self.receiver(target.receiverID, in: tx.store)
        var message = draft.content
        let chat: ChatRecord
        let place: Keyboards.Place
        let seenChat: Chat
        let knownAs: Int64
        switch destination {
        case .privateChat(let peer):
            guard peer.id == receiver.id else { throw APIError.badRequest("USER_NOT_PARTICIPANT") }
            chat = try PrivateChats.openChat(from: sender, to: peer, in: tx.store)
            place = .privateChat
            message.chat = Views.privateChat(with: peer)
            seenChat = Views.privateChat(with: sender)
            knownAs = peer.id
        case .group(let group):
            guard !group.isChannel else { throw APIError.badRequest("ephemeral messages can't be sent to channel chats") }
            let member = try Groups.requirePresence(of: sender, in: group, now: tx.now, in: tx.store)
            try GroupChats.requireRightToSend(draft.content, member: member, in: group)
            guard try Groups.membership(of: receiver.id, in: group, now: tx.now, in: tx.store)?.isPresent == true else {
                throw APIError.badRequest("USER_NOT_PARTICIPANT")
            }
            chat = group.chat
            place = .group
            message.chat = Groups.view(group)
            seenChat = message.chat
            knownAs = group.clientID
        }
        if let queryID = target.callbackQueryID {
            guard let query = try tx.store.query(kind: .callback, id: queryID, now: tx.now),
                  query.botID == sender.id, query.userID == receiver.id
            else { throw APIError.badRequest("query is too old and response timeout expired or query ID is invalid") }
        }
        let markup = try Keyboards.validated(draft.replyMarkup, from: sender, in: place)
        let id = try tx.store.lastEphemeralMessageID(chatID: chat.id, receiverID: receiver.id) + 1
        message.messageId = 0
        message.ephemeralMessageId = Int(id)
        message.receiverUser = Views.user(receiver)
        message.date = Int(tx.now)
        message.from = Views.user(sender)
        if message.messageThreadId == nil, chat.kind != .private { message.messageThreadId = draft.threadID }
        if draft.protectContent { message.hasProtectedContent = true }
        if var reply = try replyTarget(of: draft, in: chat, knownAs: knownAs, receiverID: receiver.id, tx: tx.store) {
            reply.chat = message.chat
            draft.setReply(to: reply, on: &message)
        }
        message.replyMarkup = Keyboards.inlineKeyboard(of: markup)
        try tx.store.insert(EphemeralMessageRecord(
            chatID: chat.id, receiverID: receiver.id, ephemeralMessageID: id, senderID: sender.id, date: tx.now,
            content: Data(message.jsonBytes)))
        let receipt = Visibility.receipt(of: message)
        try receipt.apply(to: sender, in: tx.store)
        try receipt.apply(to: receiver, in: tx.store)
        let seen = view(message, as: seenChat)
        try tx.enqueue(.message(.message, chat: Int64(seenChat.id), Keyboards.messageJSON(seen, markup: markup, for: receiver)), for: receiver.id)
        return message
    }

    /// The person an ephemeral message is for.
    private static func receiver(_ id: Int64, in tx: any StoreReader) throws -> AccountRecord {
        guard let account = try tx.account(id: id), !account.isDeleted else { throw APIError.badRequest("user not found") }
        guard !account.isBot else { throw APIError.badRequest("USER_IS_BOT") }
        return account
    }

    /// What an ephemeral message replies to: another ephemeral message of the same
    /// receiver (`reply_parameters.ephemeral_message_id`), or a message of the chat.
    private static func replyTarget(
        of draft: MessageDraft, in chat: ChatRecord, knownAs: Int64, receiverID: Int64, tx: any StoreReader
    ) throws -> Message? {
        guard let parameters = draft.replyParameters, parameters.messageId == nil, let ephemeralID = parameters.ephemeralMessageId else {
            return try draft.replyTarget(in: chat, knownAs: knownAs, tx: tx)
        }
        guard let stored = try load(ephemeralID, in: chat, receiverID: receiverID, from: tx) else {
            if parameters.allowSendingWithoutReply == true { return nil }
            throw APIError.badRequest("message to be replied not found")
        }
        var target = stored.message
        target.replyToMessage = nil
        return target
    }

    /// `message` (stored as its sender sees it) with the chat as the receiver knows it.
    private static func view(_ message: Message, as chat: Chat) -> Message {
        var seen = message
        seen.chat = chat
        if var reply = seen.replyToMessage {
            reply.chat = chat
            seen.replyToMessage = reply
        }
        return seen
    }

    // MARK: Editing and deleting

    /// A stored ephemeral message with its decoded content.
    struct Stored {
        var record: EphemeralMessageRecord
        var message: Message
    }

    static func load(_ id: Int, in chat: ChatRecord, receiverID: Int64, from tx: any StoreReader) throws -> Stored? {
        guard id > 0, let record = try tx.ephemeralMessage(chatID: chat.id, receiverID: receiverID, ephemeralMessageID: Int64(id)) else {
            return nil
        }
        return Stored(record: record, message: try JSONDecoder().decode(Message.self, from: record.content))
    }

    /// Applies `change` to the editor's ephemeral message, gives it `replyMarkup` (none
    /// removes the keyboard), and tells its receiver (`edited_message`). Answers True.
    static func edit(
        _ call: MethodCall, chatID: ChatID, receiverID: Int64, ephemeralMessageID: Int, replyMarkup: InlineKeyboardMarkup?,
        change: @escaping @Sendable (inout Message, any StoreWriter) throws -> Void
    ) async throws -> MethodResult {
        let editor = call.account
        try await call.engine.write { tx in
            var (chat, stored) = try own(ephemeralMessageID, in: chatID, receiverID: receiverID, actor: editor, for: .edit, tx: tx)
            var message = stored.message
            try change(&message, tx.store)
            message.replyMarkup = try replyMarkup.flatMap { try Keyboards.validated($0, in: Keyboards.Place(chat.kind)) }
            guard message != stored.message else { throw MessageEditing.notModified }
            message.editDate = Int(tx.now)
            stored.message = message
            stored.record.content = Data(message.jsonBytes)
            stored.record.editDate = tx.now
            try tx.store.update(stored.record)
            guard let receiver = try tx.store.account(id: receiverID) else { return }
            let seenChat = try seenChat(of: chat, sender: editor, in: tx.store)
            try Visibility.receipt(of: message).apply(to: receiver, in: tx.store)
            let seen = view(message, as: seenChat)
            try tx.enqueue(.message(.editedMessage, chat: Int64(seenChat.id), seen.jsonBytes), for: receiver.id)
        }
        return .true
    }

    /// Deletes the caller's ephemeral message and tells its receiver. Answers True.
    static func delete(_ call: MethodCall, chatID: ChatID, receiverID: Int64, ephemeralMessageID: Int) async throws -> MethodResult {
        let actor = call.account
        try await call.engine.write { tx in
            let (chat, _) = try own(ephemeralMessageID, in: chatID, receiverID: receiverID, actor: actor, for: .delete, tx: tx)
            try tx.store.deleteEphemeralMessage(chatID: chat.id, receiverID: receiverID, ephemeralMessageID: Int64(ephemeralMessageID))
            let seenChat = try seenChat(of: chat, sender: actor, in: tx.store)
            let object = Array("{\"chat\":".utf8) + seenChat.jsonBytes + Array(",\"ephemeral_message_ids\":[\(ephemeralMessageID)]}".utf8)
            try tx.enqueue(.deletedEphemeralMessages(chat: Int64(seenChat.id), object), for: receiverID)
        }
        return .true
    }

    /// What an edit or a deletion does with the message it names; the official texts differ.
    private enum Action: String {
        case edit, delete
    }

    /// The `actor`'s own ephemeral message an edit or deletion names, in the chat as the actor
    /// may act in it, with the `…Message` methods' refusals.
    private static func own(
        _ id: Int, in chatID: ChatID, receiverID: Int64, actor: AccountRecord, for action: Action, tx: Transaction
    ) throws -> (ChatRecord, Stored) {
        let chat = try MessageEditing.actingChat(chatID, actor: actor, now: tx.now, in: tx.store).chat
        guard let stored = try load(id, in: chat, receiverID: receiverID, from: tx.store) else {
            throw APIError.badRequest("message to \(action.rawValue) not found")
        }
        guard stored.record.senderID == actor.id else {
            throw APIError.badRequest(action == .edit ? "message can't be edited" : "message can't be deleted")
        }
        return (chat, stored)
    }

    /// The chat as the receiver of `sender`'s ephemeral message knows it.
    private static func seenChat(of chat: ChatRecord, sender: AccountRecord, in tx: any StoreReader) throws -> Chat {
        guard chat.kind == .private else {
            guard let group = try Groups.load(internalID: chat.id, in: tx) else { throw APIError.badRequest("chat not found") }
            return Groups.view(group)
        }
        return Views.privateChat(with: sender)
    }
}
