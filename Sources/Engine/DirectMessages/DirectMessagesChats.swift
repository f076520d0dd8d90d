import BotAPI
import Foundation
import Storage

/// Messages in a channel's direct-messages chat (``ChannelDirectMessages``). Each belongs to
/// one topic, the conversation with one user: the user and the channel's managers see it
/// (as `message` updates carrying `direct_messages_topic`), no one else.
enum DirectMessagesChats {
    /// Whether `reader` may read `chat`: a manager of the channel, or (users) anyone while the
    /// channel takes direct messages or once they wrote there; otherwise "chat not found".
    static func requireReader(_ reader: AccountRecord, of chat: Group, now: Int64, in tx: any StoreReader) throws {
        let channel = try ChannelDirectMessages.channel(of: chat, in: tx)
        let member = try Groups.membership(of: reader.id, in: channel, now: now, in: tx)
        if ChannelDirectMessages.manages(member?.isPresent == true ? member : nil) { return }
        guard !reader.isBot, member?.status != .kicked else { throw APIError.badRequest("chat not found") }
    }

    /// Posts `draft` from `sender` in the direct-messages chat `chat`. A manager answers in the
    /// topic `direct_messages_topic_id` names (required); a user writes in their own topic,
    /// pays the channel's price in Stars, and may suggest a post (`suggested_post_parameters`).
    static func send(_ draft: MessageDraft, from sender: AccountRecord, in chat: Group, tx: Transaction) throws -> Message {
        let channel = try ChannelDirectMessages.channel(of: chat, in: tx.store)
        let member = try Groups.membership(of: sender.id, in: channel, now: tx.now, in: tx.store)
        let isManager = ChannelDirectMessages.manages(member?.isPresent == true ? member : nil)
        let topicUser: AccountRecord
        var paid: Int64 = 0
        if isManager {
            // The official server passes any topic id through to TDLib, which finds no topic 0.
            guard let id = draft.directMessagesTopicID, id > 0, let user = try tx.store.account(id: Int64(id)), !user.isBot, !user.isDeleted,
                  user.id != sender.id
            else { throw APIError.badRequest("topic not found") }
            topicUser = user
        } else {
            guard !sender.isBot, member?.status != .kicked else { throw APIError.badRequest("chat not found") }
            if let id = draft.directMessagesTopicID, id != 0 {
                throw APIError.badRequest("chat is not an administered channel direct messages chat")
            }
            let link = channel.details.directMessages ?? DirectMessagesLink()
            guard link.enabled else { throw APIError.badRequest("CHAT_WRITE_FORBIDDEN") }
            topicUser = sender
            paid = link.starCount
        }
        var message = draft.content
        message.messageThreadId = nil
        if let parameters = draft.suggestedPost {
            message.suggestedPostInfo = try SuggestedPosts.info(parameters, now: tx.now)
        }
        draft.setReply(to: try draft.replyTarget(in: chat.chat, knownAs: chat.clientID, tx: tx.store), on: &message)
        if draft.protectContent { message.hasProtectedContent = true }
        let markup = try Keyboards.validated(draft.replyMarkup, from: sender, in: .group)
        message.replyMarkup = Keyboards.inlineKeyboard(of: markup)
        if paid > 0 {
            try payForMessage(paid, from: sender, to: channel, tx: tx)
            message.paidStarCount = Int(paid)
        }
        return try post(message, from: sender, asManager: isManager, topic: topicUser, in: chat, channel: channel, tx: tx)
    }

    /// A service message (suggested post approved, declined, paid…) in `topic`, from the
    /// channel. Everyone who reads the topic gets it, `actor` included: the official server
    /// delivers these to the bot that caused them.
    @discardableResult
    static func postService(
        from actor: AccountRecord, topic: AccountRecord, in chat: Group, tx: Transaction, _ fill: (inout Message) -> Void
    ) throws -> Message {
        let channel = try ChannelDirectMessages.channel(of: chat, in: tx.store)
        var message = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "supergroup"))
        fill(&message)
        return try post(message, from: actor, asManager: true, topic: topic, in: chat, channel: channel, includingSender: true, tx: tx)
    }

    /// Gives `message` the chat's next id, stores it and queues it for the topic's user and
    /// the channel's managers (but `sender`, unless `includingSender`). A manager writes on
    /// the channel's behalf: the message carries the channel as `sender_chat`.
    private static func post(
        _ message: Message, from sender: AccountRecord, asManager: Bool, topic: AccountRecord, in chat: Group, channel: Group,
        includingSender: Bool = false, tx: Transaction
    ) throws -> Message {
        var chat = chat
        var message = message
        if let stored = try tx.store.chat(id: chat.chat.id) { chat.chat.lastMessageID = max(chat.chat.lastMessageID, stored.lastMessageID) }
        chat.chat.lastMessageID += 1
        message.messageId = Int(chat.chat.lastMessageID)
        message.date = Int(tx.now)
        message.chat = Groups.view(chat)
        message.from = Views.user(sender)
        if asManager { message.senderChat = Groups.view(channel) }
        message.directMessagesTopic = DirectMessagesTopic(topicId: Int(topic.id), user: Views.user(topic))
        try tx.store.update(chat.chat)
        try tx.store.insert(MessageRecord(
            chatID: chat.chat.id, messageID: chat.chat.lastMessageID, senderID: sender.id, date: tx.now, content: Data(message.jsonBytes)))
        var recipients = try ChannelDirectMessages.managers(of: channel, now: tx.now, in: tx.store)
        if !recipients.contains(where: { $0.id == topic.id }) { recipients.append(topic) }
        let delivery = UpdateDelivery.message(.message, chat: chat.clientID, message.jsonBytes)
        let receipt = Visibility.receipt(of: message)
        try receipt.apply(to: sender, in: tx.store)
        for account in recipients where includingSender || account.id != sender.id {
            try tx.enqueue(delivery, for: account.id)
            try receipt.apply(to: account, in: tx.store)
        }
        return message
    }

    /// A user's message costs the channel's price: the Stars go to the channel's owner.
    private static func payForMessage(_ starCount: Int64, from user: AccountRecord, to channel: Group, tx: Transaction) throws {
        guard try tx.store.starBalance(accountID: user.id) >= starCount else {
            throw APIError.badRequest("have not enough Telegram Stars")
        }
        let partner = TransactionPartner.chat(TransactionPartnerChat(chat: Groups.view(channel)))
        try StarLedger.transfer(
            starCount, from: user.id, to: try SuggestedPosts.channelOwner(of: channel, in: tx.store), transactionID: StarLedger.newChargeID(),
            payerSees: partner, payeeSees: partner, now: tx.now, in: tx.store)
    }
}
