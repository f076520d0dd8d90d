import BotAPI
import Foundation
import Storage

/// What the `editMessage…` methods share: finding the message a call names, Telegram's
/// rules on who may edit what, and telling the other side (behaviour.md §2.10).
enum MessageEditing {
    /// How long a person may edit their own messages (Telegram's 48 hours); a bot's own
    /// messages stay editable.
    static let userEditWindow: Int64 = 48 * 3600

    /// The message an edit names: by `chat_id` + `message_id`, or by the
    /// `inline_message_id` of a message sent via inline mode (``InlineMessages``).
    enum Target: Sendable {
        case message(chatID: ChatID, messageID: Int)
        case inline(id: String)
    }

    /// The message a call names, checked in the official order: without `chat_id` and
    /// `message_id` the call is about an inline message.
    static func target(of call: MethodCall) throws -> Target {
        let chatID = call.parameters["chat_id"].flatMap { $0.isEmpty ? nil : $0 }
        let messageID = call.parameters["message_id"].map(LenientParse.integer) ?? 0
        guard let chatID else {
            guard messageID == 0 else { throw APIError.badRequest("chat_id is empty") }
            guard let inlineID = call.parameters["inline_message_id"], !inlineID.isEmpty else {
                throw APIError.badRequest("message identifier is not specified")
            }
            return .inline(id: inlineID)
        }
        guard let parsed = ChatID(parsing: chatID) else { throw APIError.badRequest("chat not found") }
        guard messageID > 0 else { throw APIError.badRequest("message to edit not found") }
        return .message(chatID: parsed, messageID: messageID)
    }

    /// Edits the message `target` names: see ``edit(_:chatID:messageID:replyMarkup:change:)``
    /// and, for inline messages, ``InlineMessages/edit(_:inlineMessageID:replyMarkup:change:)``.
    static func edit(
        _ call: MethodCall, target: Target, replyMarkup: InlineKeyboardMarkup?,
        change: @escaping @Sendable (inout Message, any StoreWriter) throws -> Void = { _, _ in }
    ) async throws -> MethodResult {
        switch target {
        case .message(let chatID, let messageID):
            return try await edit(call, chatID: chatID, messageID: messageID, replyMarkup: replyMarkup, change: change)
        case .inline(let id):
            return try await InlineMessages.edit(call, inlineMessageID: id, replyMarkup: replyMarkup, change: change)
        }
    }

    /// The chat `actor` calls `chatID`, for acting on its messages: in a group the actor
    /// must be present (with the official refusals), and its membership comes along.
    static func actingChat(_ chatID: ChatID, actor: AccountRecord, now: Int64, in tx: any StoreReader) throws -> (chat: ChatRecord, member: MemberRecord?) {
        let chat = try ChatMessages.chat(chatID, viewer: actor, in: tx)
        guard chat.kind.isGroupLike, let group = try Groups.load(internalID: chat.id, in: tx) else { return (chat, nil) }
        return (chat, try Groups.requirePresence(of: actor, in: group, now: now, in: tx))
    }

    /// Edit methods take only inline keyboards: any other markup is refused before the
    /// parameters are decoded (TDLib's "Inline keyboard expected").
    static func requireInlineMarkup(in call: MethodCall) throws {
        guard let raw = call.parameters["reply_markup"],
              let markup = try? JSONDecoder().decode(ReplyMarkup.self, from: Data(raw.utf8))
        else { return }
        guard case .inlineKeyboard = markup else { throw APIError.badRequest("inline keyboard expected") }
    }

    /// Whether the message carries media that can have a caption.
    static func hasCaptionedMedia(_ message: Message) -> Bool {
        message.photo != nil || message.video != nil || message.animation != nil || message.audio != nil
            || message.document != nil || message.voice != nil || message.paidMedia != nil || message.livePhoto != nil
    }

    /// Applies `change` to the editor's own message `messageID` in the chat `chatID`, gives
    /// it `replyMarkup` (checked like a sent keyboard; none removes the keyboard, as on
    /// Telegram; a person's markup is ignored), stamps `edit_date`, stores it and tells the
    /// other members (`edited_message`, or `edited_channel_post` in a channel).
    /// Returns the message as the editor sees it, without `reply_to_message` as the official
    /// edit answers are.
    static func edit(
        _ call: MethodCall, chatID: ChatID, messageID: Int, replyMarkup: InlineKeyboardMarkup?,
        change: @escaping @Sendable (inout Message, any StoreWriter) throws -> Void = { _, _ in }
    ) async throws -> MethodResult {
        let caller = call.account
        let business = call.businessConnectionID
        let edited = try await call.engine.write { tx in
            // With a business connection the bot edits for the business account, in its chat.
            let editor: AccountRecord, chat: ChatRecord, access: BusinessAccess?
            if let business {
                let found = try BusinessMessages.chat(chatID, connectionID: business, bot: caller, requiring: .reply, in: tx.store)
                (editor, chat, access) = (found.access.user, found.chat, found.access)
            } else {
                (editor, chat, access) = (caller, try actingChat(chatID, actor: caller, now: tx.now, in: tx.store).chat, nil)
            }
            guard var stored = try ChatMessages.load(messageID, in: chat, from: tx.store) else {
                throw APIError.badRequest("message to edit not found")
            }
            // Forwarded messages keep the original author's content and can't be edited.
            guard stored.record.senderID == editor.id, stored.message.forwardOrigin == nil,
                  editor.isBot || tx.now - stored.record.date < userEditWindow
            else { throw APIError.badRequest("message can't be edited") }
            var message = stored.message
            try change(&message, tx.store)
            let place = Keyboards.Place(chat.kind)
            message.replyMarkup = try replyMarkup.flatMap { caller.isBot ? try Keyboards.validated($0, in: place) : nil }
            guard message != stored.message else { throw notModified }
            message.editDate = Int(tx.now)
            stored.message = message
            try ChatMessages.save(stored, in: tx.store)
            try Visibility.received(message, by: editor, in: tx.store)
            try ChatMessages.announceEdit(message, in: chat, by: editor, tx: tx)
            // The account did not edit it itself: it sees the edit too.
            if access != nil { try ChatMessages.announceEdit(message, in: chat, to: [editor], senderID: editor.id, tx: tx) }
            try BusinessMessages.announce(message, edited: true, in: chat, actingBot: access == nil ? nil : caller.id, tx: tx)
            var answer = try ChatMessages.view(message, in: chat, for: editor, in: tx.store)
            answer.businessConnectionId = access?.connection.id
            return answer
        }
        var answer = edited
        answer.replyToMessage = nil
        return MethodResult(answer)
    }

    // MARK: What an edit changes (shared by the editMessage… and editEphemeralMessage… methods)

    /// A text message's new text, with `parse_mode` or `entities`.
    static func replaceText(
        of message: inout Message, with rawText: String, parseMode: String?, entities: [MessageEntity]?, by editor: AccountRecord,
        in store: any StoreReader
    ) throws {
        // A rich message may become a text message again (a guess: Telegram's rule is undocumented).
        guard message.text != nil || message.richMessage != nil else {
            throw APIError.badRequest(hasCaptionedMedia(message) ? "there is no text in the message to edit" : "message can't be edited")
        }
        let (text, entities) = try MessageText.compose(
            text: rawText, parseMode: parseMode, entities: entities, kind: .messageText, phoneNumbers: !editor.isBot,
            resolveUser: { id in try Visibility.mentionedUser(id, sender: editor, in: store) })
        message.text = text
        message.entities = entities
        message.richMessage = nil
    }

    /// A media message's new caption (empty: none) and its placement.
    static func replaceCaption(
        of message: inout Message, with rawCaption: String, parseMode: String?, entities: [MessageEntity]?, above: Bool?,
        by editor: AccountRecord, in store: any StoreReader
    ) throws {
        guard hasCaptionedMedia(message) else {
            throw APIError.badRequest(message.text != nil ? "there is no caption in the message to edit" : "message can't be edited")
        }
        let (caption, entities) = try MessageText.compose(
            text: rawCaption, parseMode: parseMode, entities: entities, kind: .caption, phoneNumbers: !editor.isBot,
            resolveUser: { id in try Visibility.mentionedUser(id, sender: editor, in: store) })
        message.caption = caption.isEmpty ? nil : caption
        message.captionEntities = entities
        if let above { message.showCaptionAboveMedia = above ? true : nil }
    }

    /// The `media` parameter of a media edit, parsed as one item outside an album.
    static func newMedia(of call: MethodCall) throws -> InputMedia {
        guard let raw = call.parameters["media"] else { throw APIError.badRequest("parameter \"media\" is required") }
        guard let json = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]), json is [String: Any] else {
            throw APIError.badRequest("can't parse input media JSON object")
        }
        return try SendMediaGroup.parseItem(json, call: call, inAlbum: false)
    }

    /// A media message's new file and caption; an album item can only become another item
    /// an album may hold, and voice messages can't change.
    static func replaceMedia(
        of message: inout Message, with item: MediaItem, by editor: AccountRecord, in store: any StoreWriter, now: Int64
    ) throws {
        guard hasCaptionedMedia(message), message.voice == nil else { throw APIError.badRequest("message can't be edited") }
        if message.mediaGroupId != nil && item.kind == .animation { throw APIError.badRequest("message can't be edited") }
        let media = try MediaDerivation.store(item.file, in: store, now: now)
        let thumbnail = try item.thumbnail.map { try $0.record(in: store, now: now) }
        let still = try item.livePhotoStill.map { try MediaDerivation.store($0, in: store, now: now) }
        let (caption, entities) = try MediaSending.caption(item.caption, sender: editor, in: store)
        let kept = message
        message.photo = nil
        message.video = nil
        message.audio = nil
        message.document = nil
        message.animation = nil
        message.livePhoto = nil
        message.showCaptionAboveMedia = nil
        message.hasMediaSpoiler = nil
        MediaSending.attach(item, media: media, uploadedThumbnail: thumbnail, to: &message)
        message.livePhoto = still.flatMap { LivePhotos.livePhoto(motion: &message, still: $0) }
        message.caption = caption
        message.captionEntities = entities
        message.mediaGroupId = kept.mediaGroupId
    }

    static let notModified = APIError.badRequest(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
}
