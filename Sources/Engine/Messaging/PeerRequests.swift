import BotAPI
import Storage

/// A person answering a reply keyboard's `request_users` or `request_chat` button
/// (Telegram's `messages.sendBotRequestedPeer`, TDLib's `shareUsersWithBot` and
/// `shareChatWithBot`): the chosen users or chat are checked against the button's criteria
/// with TDLib's refusals, and the person sends the bot the `users_shared` or `chat_shared`
/// service message in their private chat.
///
/// The button must be on the keyboard the bot shows the person now (``ReplyKeyboards``),
/// as for `sendWebAppData`: reply keyboards are not kept with their messages.
enum PeerRequests {
    /// TDLib's wording of a refusal (its first letter lower-cased, as the Bot API words
    /// TDLib's errors).
    private static func refusal(_ text: String) -> APIError {
        .badRequest(text.prefix(1).lowercased() + text.dropFirst())
    }

    /// The buttons of the keyboard `bot` shows `user` now.
    private static func buttons(of bot: AccountRecord, for user: AccountRecord, in tx: any StoreReader) throws -> [KeyboardButton] {
        Array((try ReplyKeyboards.current(bot: bot.id, user: user.id, in: tx)?.keyboard ?? []).joined())
    }

    /// The count of chosen peers within 1…`max`.
    private static func checkCount(_ count: Int, max: Int) throws {
        if count == 0 { throw refusal("Too few chats are chosen") }
        if count > max { throw refusal("Too many chats are chosen") }
    }

    // MARK: Users

    /// `user` shares the accounts `ids` through the `request_users` button `requestID` of
    /// `bot`'s keyboard. Returns the service message as the user sees it.
    static func shareUsers(_ ids: [Int64], requestID: Int, from user: AccountRecord, to bot: AccountRecord, tx: Transaction) throws -> Message {
        guard let request = try buttons(of: bot, for: user, in: tx.store).compactMap(\.requestUsers).first(where: { $0.requestId == requestID })
        else { throw refusal("Button not found") }
        try checkCount(ids.count, max: request.maxQuantity ?? 1)
        var shared: [SharedUser] = []
        for id in ids {
            guard id > 0, let account = try tx.store.account(id: id), !account.isDeleted else { throw refusal("Shared user not found") }
            if let isBot = request.userIsBot, account.isBot != isBot { throw refusal("Wrong is_bot value") }
            if let isPremium = request.userIsPremium, account.isPremium != isPremium { throw refusal("Wrong is_premium value") }
            var entry = SharedUser(userId: Int(id))
            if request.requestName == true {
                entry.firstName = account.firstName
                entry.lastName = account.lastName
            }
            if request.requestUsername == true { entry.username = account.username }
            shared.append(entry)
        }
        let draft = MessageDraft { $0.usersShared = UsersShared(requestId: requestID, users: shared) }
        return try PrivateChats.send(draft, from: user, to: bot, in: tx)
    }

    // MARK: Chats

    /// `user` shares the chat `chatID` through the `request_chat` button `requestID` of
    /// `bot`'s keyboard. A bot that must be a member is added, and one that must be an
    /// administrator is promoted with the rights the button names, on the user's behalf, as
    /// Telegram does. Returns the service message as the user sees it.
    static func shareChat(_ chatID: ChatID, requestID: Int, from user: AccountRecord, to bot: AccountRecord, tx: Transaction) throws -> Message {
        guard let request = try buttons(of: bot, for: user, in: tx.store).compactMap(\.requestChat).first(where: { $0.requestId == requestID })
        else { throw refusal("Button not found") }
        if case .id(let id) = chatID, id > 0 { throw refusal("Wrong chat type") }
        guard var group = try? Groups.resolve(chatID, viewer: user, in: tx.store),
              let member = try Groups.membership(of: user.id, in: group, now: tx.now, in: tx.store), member.isPresent
        else { throw refusal("Shared chat not found") }
        try check(ChatAccess(account: user, member: member, group: group), against: request)
        try bringIn(bot, to: &group, as: request, by: user, member: member, tx: tx)

        var shared = ChatShared(requestId: requestID, chatId: Int(group.clientID))
        if request.requestTitle == true { shared.title = group.record.title }
        if request.requestUsername == true { shared.username = group.record.username }
        let draft = MessageDraft { $0.chatShared = shared }
        return try PrivateChats.send(draft, from: user, to: bot, in: tx)
    }

    /// TDLib's `RequestedDialogType::check_shared_dialog`, in its order.
    private static func check(_ access: ChatAccess, against request: KeyboardButtonRequestChat) throws {
        let (group, member) = (access.group, access.member)
        let isCreator = member.status == .creator
        let rights = Rights.of(member)
        if group.kind == .group {
            if request.chatIsChannel { throw refusal("Wrong chat type") }
            // A basic group is neither a forum nor public.
            if request.chatIsForum == true { throw refusal("Wrong is_forum value") }
            if request.chatHasUsername == true { throw refusal("Wrong has_username value") }
        } else {
            if request.chatIsChannel != group.isChannel { throw refusal("Wrong chat type") }
            if !group.isChannel, let forum = request.chatIsForum, forum != group.record.isForum { throw refusal("Wrong is_forum value") }
            if let isPublic = request.chatHasUsername, isPublic != (group.record.username != nil) { throw refusal("Wrong has_username value") }
        }
        if request.chatIsCreated == true && !isCreator { throw refusal("The chat must be created by the current user") }
        if request.botIsMember == true && !access.may(.inviteUsers) { throw refusal("The bot can't be added to the chat") }
        if let needed = request.userAdministratorRights, !isCreator,
           !Moderation.rightNames(of: needed).isSubset(of: Moderation.rightNames(of: rights)) {
            throw refusal("Not enough rights in the chat")
        }
        if request.botAdministratorRights != nil && !(isCreator || (rights.canInviteUsers && rights.canPromoteMembers)) {
            throw refusal("The bot can't be promoted in the chat")
        }
    }

    /// Adds the bot when the button wants it in the chat, and promotes it when the button
    /// wants it to be an administrator with rights it lacks (keeping the rights it has).
    private static func bringIn(
        _ bot: AccountRecord, to group: inout Group, as request: KeyboardButtonRequestChat, by user: AccountRecord, member: MemberRecord,
        tx: Transaction
    ) throws {
        let wantsAdmin = request.botAdministratorRights.map { Moderation.rightNames(of: $0) }
        guard request.botIsMember == true || wantsAdmin != nil else { return }
        if try Groups.membership(of: bot.id, in: group, now: tx.now, in: tx.store)?.isPresent != true {
            try Membership.add(bot, to: &group, by: user, tx: tx)
        }
        guard let wanted = wantsAdmin else { return }
        let current = try Groups.membership(of: bot.id, in: group, now: tx.now, in: tx.store)
        let held = Moderation.rightNames(of: Rights.of(current))
        guard current?.isAdministrator != true || !wanted.isSubset(of: held) else { return }
        guard group.kind != .group else { throw refusal("The bot can't be promoted in the chat") }
        guard let rights = Moderation.rights(wanted.union(held), in: group) else { return }
        var chat = Moderation.Chat(group: group, actor: user, actorMember: member)
        var details = MemberDetails()
        details.rights = rights
        details.promotedByID = user.id
        try Moderation.change(bot, to: Moderation.record(.administrator, of: bot, details: details, in: chat, now: tx.now), in: &chat, tx: tx)
        group = chat.group
    }
}
