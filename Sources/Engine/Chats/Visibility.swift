import BotAPI
import Storage

/// Who a bot can see, as on Telegram, where a bot reaches an account or a chat only once its
/// server has the peer's access hash, i.e. after an interaction. Every lookup of an account
/// or group by id on behalf of a caller goes through here; ids are sequential, so without
/// this any bot could read every account's names by counting.
///
/// A bot sees an account when:
/// - they have a private chat (the account wrote to the bot, started or blocked it);
/// - both have a membership row, of any status, in one group, supergroup or channel (the
///   account is or was a member where the bot is or was);
/// - the account appeared in an update the bot received where no row says so (a forward's
///   origin, a text mention, a contact, a join request…): a *sighting*, see ``received(_:by:in:)``.
///
/// Senders, reply targets, voters, reactors, pressers of buttons and the actors of member
/// updates are all members of the chat they act in, so they need no sighting.
///
/// A bot finds a group, supergroup or channel by its numeric id only if it is or was in it;
/// public supergroups and channels still resolve by `@username`. People (the user surface)
/// keep their reach: they see every account and every chat, as documented in
/// docs/user-api-extensions.md ("Privacy").
enum Visibility {
    // MARK: Accounts

    /// Whether `viewer` may see `account`.
    static func sees(_ account: AccountRecord, viewer: AccountRecord, in tx: any StoreReader) throws -> Bool {
        guard viewer.isBot, account.id != viewer.id else { return true }
        if try tx.privateChat(between: viewer.id, and: account.id) != nil { return true }
        if try tx.sharesChat(viewer.id, account.id) { return true }
        return try tx.hasSighting(of: account.id, by: viewer.id)
    }

    /// The account `id` names, if it exists and `viewer` may see it; an unseen account and a
    /// missing one are indistinguishable.
    static func account(id: Int64, viewer: AccountRecord, in tx: any StoreReader) throws -> AccountRecord? {
        guard id > 0, let account = try tx.account(id: id), try sees(account, viewer: viewer, in: tx) else { return nil }
        return account
    }

    /// The user named by a `text_mention` entity that `sender` writes, as the entity shows it;
    /// nil (answered "can't parse entities: user not found") for an account the sender can't see.
    static func mentionedUser(_ id: Int, sender: AccountRecord, in tx: any StoreReader) throws -> User? {
        try account(id: Int64(id), viewer: sender, in: tx).map(Views.user)
    }

    // MARK: Groups

    /// Whether `viewer` may find `group` by its numeric id: a bot only if it is or was in it.
    static func sees(_ group: Group, viewer: AccountRecord, in tx: any StoreReader) throws -> Bool {
        guard viewer.isBot else { return true }
        if group.details.directMessages?.isDirectMessagesChat == true { return try ChannelDirectMessages.isVisible(group, to: viewer, in: tx) }
        return try tx.member(chatID: group.chat.id, accountID: viewer.id) != nil
    }

    // MARK: Receiving

    /// What receiving a message gives its recipient (who got it as an update, or sent it and
    /// got it as the answer): the files it carries become usable (``FileAccess``), and a bot
    /// comes to see the accounts it names that no other row links to the bot. Made once per
    /// message and applied to each recipient; a message that carries neither (an ordinary
    /// text) costs no write.
    struct Receipt {
        /// File rows, of the message and of the messages it carries (reply target, pin).
        var files: Set<Int64> = []
        /// Accounts named by the message and the messages it carries.
        var named: Set<Int64> = []

        func apply(to recipient: AccountRecord, in tx: any StoreWriter) throws {
            for row in files { try tx.grantFile(fileID: row, to: recipient.id) }
            guard recipient.isBot else { return }
            for id in named where id != recipient.id { try tx.recordSighting(of: id, by: recipient.id) }
        }
    }

    static func receipt(of message: Message) -> Receipt {
        var receipt = Receipt()
        func collect(_ m: Message) {
            FileAccess.collectFiles(of: m, into: &receipt.files)
            collectNamedAccounts(in: m, into: &receipt.named)
        }
        collect(message)
        if let reply = message.replyToMessage { collect(reply) }
        if case .message(let pinned)? = message.pinnedMessage { collect(pinned) }
        return receipt
    }

    /// ``receipt(of:)`` applied to one recipient.
    static func received(_ message: Message, by recipient: AccountRecord, in tx: any StoreWriter) throws {
        try receipt(of: message).apply(to: recipient, in: tx)
    }

    /// Records that the bot `recipient` saw `account` in an update that carries no message,
    /// such as a join request from someone outside the chat.
    static func received(_ account: AccountRecord, by recipient: AccountRecord, in tx: any StoreWriter) throws {
        guard recipient.isBot, recipient.id != account.id else { return }
        try tx.recordSighting(of: account.id, by: recipient.id)
    }

    /// The accounts a message names beyond its chat's members: a forward's original sender,
    /// the bot it came via, users of text mentions, a shared contact's account, shared users.
    private static func collectNamedAccounts(in message: Message, into named: inout Set<Int64>) {
        if case .user(let origin)? = message.forwardOrigin { named.insert(Int64(origin.senderUser.id)) }
        if let via = message.viaBot { named.insert(Int64(via.id)) }
        for entity in message.entities ?? [] where entity.type == "text_mention" {
            if let user = entity.user { named.insert(Int64(user.id)) }
        }
        for entity in message.captionEntities ?? [] where entity.type == "text_mention" {
            if let user = entity.user { named.insert(Int64(user.id)) }
        }
        if let contact = message.contact?.userId { named.insert(Int64(contact)) }
        for shared in message.usersShared?.users ?? [] { named.insert(Int64(shared.userId)) }
    }
}
