import BotAPI
import Foundation
import Storage

/// Messages in groups, supergroups and channels: who may post what, and who sees it.
///
/// A message is stored once and looks the same to every member. Users who are in the chat
/// get every message; bots get what Telegram's privacy mode lets them see (see
/// ``botSees(_:bot:member:group:lastBotSenderID:)``); in channels only administrator bots
/// get posts, as `channel_post`.
enum GroupChats {
    /// Posts `draft` from `sender` into `group` and returns it as the sender sees it.
    static func send(_ draft: MessageDraft, from sender: AccountRecord, in group: Group, tx: Transaction) throws -> Message {
        var group = group
        let member = try Groups.requirePresence(of: sender, in: group, now: tx.now, in: tx.store)
        try requireRightToSend(draft.content, member: member, in: group)
        var message = draft.content
        if message.messageThreadId == nil { message.messageThreadId = draft.threadID }
        let replyTo = try ForumTopics.place(
            &message, replyTo: draft.replyTarget(in: group.chat, knownAs: group.clientID, tx: tx.store), sender: sender, member: member, in: group, tx: tx.store)

        message.date = Int(tx.now)
        message.chat = Groups.view(group)
        let details = member.decodedDetails
        if group.isChannel {
            message.senderChat = message.chat
        } else if member.isAdministrator, details.rights?.isAnonymous == true {
            // An anonymous administrator posts as the group, signed with its custom title.
            message.from = Views.groupAnonymousBot
            message.senderChat = message.chat
            message.authorSignature = details.customTitle
        } else {
            message.from = Views.user(sender)
        }
        if draft.protectContent { message.hasProtectedContent = true }
        draft.setReply(to: replyTo, on: &message)
        let markup = try Keyboards.validated(draft.replyMarkup, from: draft.viaBot ?? sender, in: group.isChannel ? .channel : .group)
        message.replyMarkup = Keyboards.inlineKeyboard(of: markup)
        let previousBotSender = group.details.lastBotSenderID
        if sender.isBot && !group.isChannel { group.details.lastBotSenderID = sender.id }
        return try post(message, markup: markup, from: sender, in: &group, lastBotSenderID: previousBotSender, tx: tx)
    }

    /// A service message (`new_chat_members`, `left_chat_member`, `new_chat_title`, …) from
    /// `actor`, seen by every member including bots in privacy mode.
    @discardableResult
    static func postService(from actor: AccountRecord, in group: inout Group, tx: Transaction, _ fill: (inout Message) -> Void) throws -> Message {
        var message = Message(messageId: 0, date: Int(tx.now), chat: Groups.view(group))
        if group.isChannel { message.senderChat = message.chat } else { message.from = Views.user(actor) }
        fill(&message)
        return try post(message, from: actor, in: &group, lastBotSenderID: group.details.lastBotSenderID, tx: tx)
    }

    /// A guest bot's answer (`answerGuestQuery`): posted by `bot`, which need not be a
    /// member, on `caller`'s request, shown with `guest_bot_caller_user`.
    static func postGuest(
        _ content: Message, keyboard: InlineKeyboardMarkup?, from bot: AccountRecord, caller: AccountRecord, in group: inout Group,
        tx: Transaction
    ) throws -> Message {
        var message = content
        message.date = Int(tx.now)
        message.chat = Groups.view(group)
        message.from = Views.user(bot)
        message.guestBotCallerUser = Views.user(caller)
        message.replyMarkup = keyboard
        return try post(message, markup: keyboard.map(ReplyMarkup.inlineKeyboard), from: bot, in: &group, lastBotSenderID: group.details.lastBotSenderID, tx: tx)
    }

    /// Gives `message` the chat's next id, stores it and queues it for everyone who sees it.
    private static func post(
        _ message: Message, markup: ReplyMarkup? = nil, from sender: AccountRecord, in group: inout Group, lastBotSenderID: Int64?,
        tx: Transaction
    ) throws -> Message {
        var message = message
        // `group` may have been loaded before earlier posts in this transaction (albums,
        // batches, a service message after a change): its other fields may hold the caller's
        // unsaved changes, but the stored message id is the one to continue from.
        if let stored = try tx.store.chat(id: group.chat.id) { group.chat.lastMessageID = max(group.chat.lastMessageID, stored.lastMessageID) }
        group.chat.lastMessageID += 1
        message.messageId = Int(group.chat.lastMessageID)
        try Groups.save(group, in: tx.store)
        try tx.store.insert(MessageRecord(
            chatID: group.chat.id, messageID: group.chat.lastMessageID, senderID: sender.id, date: tx.now,
            content: Data(message.jsonBytes)))
        try fanOut(
            message, kind: .new(inChannel: group.isChannel), markup: markup, from: sender, in: group,
            lastBotSenderID: lastBotSenderID, tx: tx)
        return message
    }

    /// Queues `message` (new or edited, per `kind`) for every member of `group` but `sender`
    /// who may see it. Users also see a reply keyboard in `markup` (see ``Keyboards/messageJSON(_:markup:for:)``).
    /// The sender and each recipient get what the message carries (``Visibility/Receipt``).
    static func fanOut(
        _ message: Message, kind: UpdateDelivery.MessageKind, markup: ReplyMarkup? = nil, from sender: AccountRecord, in group: Group,
        lastBotSenderID: Int64?, tx: Transaction
    ) throws {
        let delivery = UpdateDelivery.message(kind, chat: group.clientID, message.jsonBytes)
        let receipt = Visibility.receipt(of: message)
        try receipt.apply(to: sender, in: tx.store)
        let members = try Groups.presentMembers(of: group, now: tx.now, in: tx.store)
        try tx.prefetchRecipients(members.map(\.accountID))
        for member in members where member.accountID != sender.id {
            guard let account = try tx.store.account(id: member.accountID), !account.isDeleted else { continue }
            if account.isBot {
                guard botSees(message, bot: account, member: member, group: group, lastBotSenderID: lastBotSenderID) else { continue }
            }
            let seen = markup == nil || account.isBot
                ? delivery : .message(kind, chat: group.clientID, Keyboards.messageJSON(message, markup: markup, for: account))
            try tx.enqueue(seen, for: account.id)
            try receipt.apply(to: account, in: tx.store)
            try ChatReplyMarkups.received(markup, messageID: Int64(message.messageId), in: group.chat, by: account, tx: tx.store)
        }
    }

    // MARK: Privacy mode

    /// Whether `bot` receives `message` (Telegram's privacy mode): with
    /// `can_read_all_group_messages` or as an administrator it sees everything; otherwise
    /// only service messages, commands meant for it (`/cmd@bot`, or a bare `/cmd` when it
    /// was the last bot to post), replies to its messages and mentions of it. In channels
    /// only administrators see posts.
    static func botSees(_ message: Message, bot: AccountRecord, member: MemberRecord, group: Group, lastBotSenderID: Int64?) -> Bool {
        if group.isChannel { return member.isAdministrator }
        if bot.canReadAllGroupMessages || member.isAdministrator || isService(message) { return true }
        if message.replyToMessage?.from?.id == Int(bot.id) { return true }
        let text = message.text ?? message.caption ?? ""
        let utf16 = Array(text.utf16)
        for entity in message.entities ?? message.captionEntities ?? [] {
            guard entity.offset >= 0, entity.offset + entity.length <= utf16.count else { continue }
            let piece = String(decoding: utf16[entity.offset ..< entity.offset + entity.length], as: UTF16.self)
            switch entity.type {
            case "bot_command":
                if let at = piece.firstIndex(of: "@") {
                    if let username = bot.username, piece[piece.index(after: at)...].lowercased() == username.lowercased() { return true }
                } else if lastBotSenderID == bot.id {
                    return true
                }
            case "mention":
                if let username = bot.username, piece.dropFirst().lowercased() == username.lowercased() { return true }
            case "text_mention":
                if entity.user?.id == Int(bot.id) { return true }
            default:
                continue
            }
        }
        return false
    }

    /// Whether a message reports an event in the chat rather than carrying content.
    static func isService(_ message: Message) -> Bool {
        message.newChatMembers != nil || message.leftChatMember != nil || message.newChatTitle != nil
            || message.newChatPhoto != nil || message.deleteChatPhoto != nil || message.groupChatCreated != nil
            || message.supergroupChatCreated != nil || message.channelChatCreated != nil
            || message.migrateToChatId != nil || message.migrateFromChatId != nil || message.pinnedMessage != nil
            || message.forumTopicCreated != nil || message.forumTopicEdited != nil || message.forumTopicClosed != nil
            || message.forumTopicReopened != nil || message.generalForumTopicHidden != nil || message.generalForumTopicUnhidden != nil
    }

    // MARK: Rights

    /// Refuses a post the sender's rights don't allow, with the official texts.
    static func requireRightToSend(_ content: Message, member: MemberRecord, in group: Group) throws {
        if member.isAdministrator {
            if group.isChannel && member.status != .creator && !(Rights.of(member).canPostMessages ?? false) {
                throw APIError.badRequest("need administrator rights in the channel chat")
            }
            return
        }
        if group.isChannel { throw APIError.badRequest("need administrator rights in the channel chat") }
        let permissions = member.status == .restricted
            ? (member.decodedDetails.permissions ?? ChatPermissions())
            : (group.details.permissions ?? ChatPermissionsDefaults.members)
        let (allowed, noun) = ContentRights.requirement(for: content, permissions: permissions)
        if !allowed { throw APIError.badRequest("not enough rights to send \(noun) to the chat") }
    }
}

/// Telegram's default permissions for members of a new group.
enum ChatPermissionsDefaults {
    static let members: ChatPermissions = {
        var p = ChatPermissions()
        p.canSendMessages = true
        p.canSendAudios = true
        p.canSendDocuments = true
        p.canSendPhotos = true
        p.canSendVideos = true
        p.canSendVideoNotes = true
        p.canSendVoiceNotes = true
        p.canSendPolls = true
        p.canSendOtherMessages = true
        p.canAddWebPagePreviews = true
        p.canReactToMessages = true
        p.canChangeInfo = false
        p.canInviteUsers = true
        p.canPinMessages = false
        p.canManageTopics = false
        return p
    }()
}

/// Which permission each kind of content needs, and how the refusal names it.
enum ContentRights {
    static func requirement(for m: Message, permissions p: ChatPermissions) -> (allowed: Bool, noun: String) {
        if m.photo != nil { return (p.canSendPhotos ?? false, "photos") }
        if m.video != nil { return (p.canSendVideos ?? false, "videos") }
        if m.document != nil { return (p.canSendDocuments ?? false, "documents") }
        if m.audio != nil { return (p.canSendAudios ?? false, "music") }
        if m.voice != nil { return (p.canSendVoiceNotes ?? false, "voice notes") }
        if m.videoNote != nil { return (p.canSendVideoNotes ?? false, "video notes") }
        if m.sticker != nil { return (p.canSendOtherMessages ?? false, "stickers") }
        if m.animation != nil { return (p.canSendOtherMessages ?? false, "animations") }
        if m.poll != nil { return (p.canSendPolls ?? false, "polls") }
        if m.dice != nil { return (p.canSendOtherMessages ?? false, "dice") }
        if m.game != nil { return (p.canSendOtherMessages ?? false, "games") }
        if m.venue != nil { return (p.canSendMessages ?? false, "venues") }
        if m.location != nil { return (p.canSendMessages ?? false, m.location?.livePeriod != nil ? "live locations" : "locations") }
        if m.contact != nil { return (p.canSendMessages ?? false, "contacts") }
        return (p.canSendMessages ?? false, "text messages")
    }
}
