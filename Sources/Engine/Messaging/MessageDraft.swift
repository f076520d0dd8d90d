import BotAPI
import Storage

/// A message about to be sent: its content, plus what the sending call asked for around it.
/// Every `send…` method builds one and hands it to the chat it is sent in, which gives it
/// its id, date, chat and sender.
struct MessageDraft {
    /// The content fields (`text` and `entities`, or a `photo` with its `caption`, a `poll`,
    /// …). Its id, date, chat and sender are placeholders and are overwritten when sent.
    var content: Message
    var replyMarkup: ReplyMarkup?
    var replyParameters: ReplyParameters?
    /// The legacy `reply_to_message_id`, used when `reply_parameters` is absent.
    var legacyReplyToMessageID: Int?
    /// `protect_content`: the message can't be forwarded or copied.
    var protectContent = false
    /// `message_effect_id`: an animation shown with the message (private chats only).
    var effectID: String?
    /// `message_thread_id`: the forum topic to post in (ignored outside forums).
    var threadID: Int?
    /// The bot whose inline result a person sends (`via_bot`): the result's inline keyboard
    /// is the bot's, so it is kept although a person's markup otherwise is not.
    var viaBot: AccountRecord?
    /// The business bot sending for the business account that is the sender
    /// (`business_connection_id`): the message carries `sender_business_bot`, and the bot's
    /// keyboard is kept.
    var businessBot: AccountRecord?
    /// `ephemeral_message_parameters`: only this receiver sees the message (``EphemeralMessages``).
    var ephemeral: EphemeralTarget?
    /// `direct_messages_topic_id`: the topic of a channel's direct messages an administrator
    /// answers in (``DirectMessagesChats``).
    var directMessagesTopicID: Int?
    /// `suggested_post_parameters`: the message suggests a post to the channel (``SuggestedPosts``).
    var suggestedPost: SuggestedPostParameters?

    /// A draft whose content `fill` sets on an empty message.
    init(
        replyMarkup: ReplyMarkup? = nil, replyParameters: ReplyParameters? = nil, legacyReplyToMessageID: Int? = nil,
        protectContent: Bool = false, content fill: (inout Message) -> Void
    ) {
        var message = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
        fill(&message)
        self.content = message
        self.replyMarkup = replyMarkup
        self.replyParameters = replyParameters
        self.legacyReplyToMessageID = legacyReplyToMessageID
        self.protectContent = protectContent
    }

    /// The message this draft replies to in `chat`, one level deep, or nil. `chatID` is the
    /// id the sender knows the chat by: `reply_parameters` naming any other chat finds
    /// nothing. A missing target is an error unless `allow_sending_without_reply` is set.
    func replyTarget(in chat: ChatRecord, knownAs chatID: Int64, tx: any StoreReader) throws -> Message? {
        let targetID: Int
        var allowMissing = false
        if let parameters = replyParameters {
            allowMissing = parameters.allowSendingWithoutReply ?? false
            // Bot API 10.3 made `message_id` optional: a reply may name an ephemeral message
            // instead, which only its receiver sees, so a message everyone sees can't quote
            // it (ephemeral replies are EphemeralMessages' own). Neither: no reply.
            guard let messageID = parameters.messageId else {
                if parameters.ephemeralMessageId != nil && !allowMissing { throw APIError.badRequest("message to be replied not found") }
                return nil
            }
            targetID = messageID
            if let other = parameters.chatId, other != .id(Int(chatID)) {
                throw APIError.badRequest("message to be replied not found")
            }
        } else if let legacy = legacyReplyToMessageID, legacy > 0 {
            targetID = legacy
        } else {
            return nil
        }
        guard let stored = try ChatMessages.load(targetID, in: chat, from: tx) else {
            if allowMissing { return nil }
            throw APIError.badRequest("message to be replied not found")
        }
        var target = stored.message
        target.replyToMessage = nil
        return target
    }

    /// Sets `message.replyToMessage` to `target`, with the checklist task and the poll option
    /// `reply_parameters` names in it (`reply_to_checklist_task_id`, `reply_to_poll_option_id`).
    /// A task or option the replied message does not have is dropped, as TDLib drops a reply
    /// part that names nothing: the reply then quotes the whole message.
    func setReply(to target: Message?, on message: inout Message) {
        message.replyToMessage = target
        guard let target, let parameters = replyParameters else { return }
        if let task = parameters.checklistTaskId, target.checklist?.tasks.contains(where: { $0.id == task }) == true {
            message.replyToChecklistTaskId = task
        }
        if let option = parameters.pollOptionId, target.poll?.options.contains(where: { $0.persistentId == option }) == true {
            message.replyToPollOptionId = option
        }
    }
}
