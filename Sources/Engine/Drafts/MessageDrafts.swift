import BotAPI
import Storage

/// Drafts a bot streams to a user while it generates a message (`sendMessageDraft`,
/// `sendRichMessageDraft`), and the user's Stop button (`stopMessageGeneration`).
///
/// A draft is a temporary preview (documented: "a temporary 30-second preview"): each
/// update shows it for another ``lifetime`` seconds. The user sees each update as a
/// `message_draft` update (docs/user-api-extensions.md). A message the bot sends in the chat
/// ends its drafts, as on Telegram ("the draft will still disappear … if the bot sends a
/// message").
enum MessageDrafts {
    /// How long a draft is shown after its last update, in seconds.
    static let lifetime: Int64 = 30

    /// What a draft shows: text with entities, or rich content.
    enum Content {
        case text(String, [MessageEntity]?)
        case rich(RichMessage)
    }

    /// The private chat `chatID` names for a bot's draft, with the official refusals: drafts
    /// are for private chats with users who can receive the bot's messages.
    static func chat(_ chatID: Int, bot: AccountRecord, in tx: any StoreWriter) throws -> (ChatRecord, AccountRecord) {
        let destination = try Outbox.destination(.id(chatID), from: bot, in: tx)
        guard case .privateChat(let user) = destination, !user.isBot else { throw APIError.badRequest("TEXTDRAFT_PEER_INVALID") }
        return (try PrivateChats.openChat(from: bot, to: user, in: tx), user)
    }

    /// The draft id, refused when zero ("must be non-zero").
    static func draftID(_ call: MethodCall) throws -> Int {
        let id = call.parameters["draft_id"].map(LenientParse.integer) ?? 0
        guard id != 0 else { throw APIError.badRequest("draft_id must be non-zero") }
        return id
    }

    /// Shows (or updates) a draft in the private chat `chat` with `user`. A draft the user
    /// stopped is not shown again (the call still succeeds: the bot learned of the stop from
    /// its `stopped_message_generation` update).
    static func show(
        _ content: Content, draftID: Int, threadID: Int?, canStop: Bool, keepOnStop: Bool, from bot: AccountRecord,
        in chat: ChatRecord, to user: AccountRecord, tx: Transaction
    ) throws {
        if let existing = try tx.store.messageDraft(chatID: chat.id, draftID: Int64(draftID)), existing.stopped { return }
        let expiresAt = tx.now + lifetime
        try tx.store.save(MessageDraftRecord(
            chatID: chat.id, draftID: Int64(draftID), botID: bot.id, threadID: threadID.map(Int64.init), canStop: canStop,
            keepOnStop: keepOnStop, expiresAt: expiresAt))
        var w = JSONWriter()
        w.beginObject()
        w.member("chat", Views.privateChat(with: bot))
        w.optionalMember("message_thread_id", threadID)
        w.member("draft_id", draftID)
        w.member("date", Int(tx.now))
        w.member("expiration_date", Int(expiresAt))
        switch content {
        case .text(let text, let entities):
            w.member("text", text)
            if let entities, !entities.isEmpty { w.member("entities", entities) }
        case .rich(let rich):
            w.member("rich_message", rich)
        }
        if canStop { w.member("can_stop", true) }
        if keepOnStop { w.member("keep_on_stop", true) }
        w.endObject()
        try tx.enqueue(.messageDraft(chat: bot.id, w.bytes), for: user.id)
    }

    /// The user pressed Stop on the bot's draft `draftID`: the bot gets
    /// `stopped_message_generation`; the draft stays shown (`keep_on_stop`) until it expires,
    /// or goes at once.
    static func stop(draftID: Int, botChatID: ChatID, by user: AccountRecord, tx: Transaction) throws {
        let bot = try PrivateChats.peer(for: botChatID, sender: user, in: tx.store)
        guard bot.isBot, let chat = try tx.store.privateChat(between: user.id, and: bot.id),
              var draft = try tx.store.messageDraft(chatID: chat.id, draftID: Int64(draftID)),
              !draft.stopped, draft.expiresAt > tx.now
        else { throw APIError.badRequest("message draft not found") }
        guard draft.canStop else { throw APIError.badRequest("message generation can't be stopped") }
        draft.stopped = true
        if !draft.keepOnStop { draft.expiresAt = tx.now }
        try tx.store.save(draft)
        let stopped = MessageGenerationStopped(
            chat: Views.privateChat(with: user), messageThreadId: draft.threadID.map(Int.init), draftId: draftID)
        try tx.enqueue(.stoppedMessageGeneration(chat: user.id, stopped.jsonBytes), for: bot.id)
    }

    /// A bot sent a message in the private chat: its drafts there end.
    static func messageSent(in chat: ChatRecord, by sender: AccountRecord, store: any StoreWriter) throws {
        guard sender.isBot else { return }
        try store.deleteMessageDrafts(chatID: chat.id)
    }
}
