import BotAPI
import Foundation
import Storage

/// Turning a bot's inline result into a message a person sends "via" the bot: the user's
/// `sendInlineResult` and the bot's `answerWebAppQuery`. Media results become real media
/// messages (by URL, downloaded now, or by the bot's `file_id`), `input_message_content`
/// becomes a text, location, venue, contact or invoice message (an invoice the chat's members
/// pay to the bot, as one `sendInvoice` sent), a game result becomes the bot's game message,
/// and the result's inline keyboard is attached; such a message gets an `inline_message_id`
/// the bot can edit it (and set a game's scores) by.
enum InlineSending {
    /// A result whose file, if any, is resolved: what can be sent inside a transaction.
    struct Ready: Sendable {
        var result: InlineResult
        var media: MediaItem?
    }

    /// Resolves the result's file: a URL is downloaded as the kind the result names, a
    /// `file_id` must be one `bot` holds.
    static func prepare(_ result: InlineResult, bot: AccountRecord, call: MethodCall) async throws -> Ready {
        switch result.content {
        case .media(let kind, let file, _, let caption, let details):
            let incoming: IncomingFile
            if InlineResults.isURL(file) {
                incoming = try await FileInputs.resolve(.reference(file), as: kind, in: call, missing: MediaSending.missingFile(kind))
            } else {
                incoming = IncomingFile(source: .existing(try await FileInputs.existing(file, as: kind, for: bot.id, engine: call.engine)))
            }
            let mediaCaption = MediaCaption(
                text: caption.text.nonEmpty, parseMode: caption.parseMode.nonEmpty, entities: try entities(caption.entities),
                showAboveMedia: caption.showAboveMedia)
            return Ready(result: result, media: MediaItem(kind: kind, file: incoming, caption: mediaCaption, details: details))
        default:
            return Ready(result: result, media: nil)
        }
    }

    /// An `entities` array given as JSON text.
    static func entities(_ json: String?) throws -> [MessageEntity]? {
        guard let json else { return nil }
        guard let entities = try? JSONDecoder().decode([MessageEntity].self, from: Data(json.utf8)) else {
            throw APIError.badRequest("can't parse entities JSON object")
        }
        return entities
    }

    /// Fills a message with what `content` sends, composing texts as `sender` wrote them.
    /// Media content is filled by ``send(_:via:from:to:in:)`` from the resolved file, games
    /// and invoices there too, as the bot's.
    static func fill(_ message: inout Message, with content: InlineContent, sender: AccountRecord, in store: any StoreReader) throws {
        switch content {
        case .text(let raw, let parseMode, let entitiesJSON, let preview):
            let (text, entities) = try MessageText.compose(
                text: raw, parseMode: parseMode, entities: try entities(entitiesJSON), kind: .messageText,
                resolveUser: { id in try Visibility.mentionedUser(id, sender: sender, in: store) })
            message.text = text
            message.entities = entities
            if let preview, preview.jsonBytes != Array("{}".utf8) { message.linkPreviewOptions = preview }
        case .location(let latitude, let longitude, let accuracy, let livePeriod, let heading, let radius):
            message.location = try LiveLocations.location(
                latitude: latitude, longitude: longitude, horizontalAccuracy: accuracy, livePeriod: livePeriod, heading: heading,
                proximityAlertRadius: radius)
        case .venue(let latitude, let longitude, let title, let address, let foursquareID, let foursquareType, let googleID, let googleType):
            let location = try LiveLocations.location(
                latitude: latitude, longitude: longitude, horizontalAccuracy: nil, livePeriod: 0, heading: 0, proximityAlertRadius: 0)
            message.venue = Venue(
                location: location, title: title, address: address, foursquareId: foursquareID.nonEmpty,
                foursquareType: foursquareType.nonEmpty, googlePlaceId: googleID.nonEmpty, googlePlaceType: googleType.nonEmpty)
            message.location = location
        case .contact(let phone, let first, let last, let vcard):
            message.contact = Contact(phoneNumber: phone, firstName: first, lastName: last.nonEmpty, vcard: vcard.nonEmpty)
        case .media, .game, .invoice:
            break
        }
    }

    /// Checks, as answering does, that a result's text composes (parse mode, entities and
    /// limits) with `bot` as its author.
    static func checkText(of result: InlineResult, bot: AccountRecord, in store: any StoreReader) throws {
        var message = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
        try fill(&message, with: result.content, sender: bot, in: store)
        if case .media(_, _, _, let caption, _) = result.content {
            _ = try MediaSending.caption(
                MediaCaption(text: caption.text.nonEmpty, parseMode: caption.parseMode.nonEmpty, entities: try entities(caption.entities)),
                sender: bot, in: store)
        }
    }

    /// What a result sends, before it is sent: the message's content, its inline keyboard,
    /// and the bot's game or invoice it shows.
    struct Composed {
        var content: Message
        var keyboard: InlineKeyboardMarkup?
        var game: GameRecord?
        var invoice: InvoiceTerms?
    }

    /// Sends `ready` from `user` via `bot` to `destination`. Returns the message as the
    /// user sees it and, when it has an inline keyboard, its new `inline_message_id`.
    static func send(
        _ ready: Ready, via bot: AccountRecord, from user: AccountRecord, to destination: Outbox.Destination, in tx: Transaction
    ) throws -> (message: Message, inlineMessageID: String?) {
        var inChannel = false
        if case .group(let group) = destination {
            try InlineQueries.requireInlineAllowed(for: user, in: group, now: tx.now, store: tx.store)
            inChannel = group.isChannel
        }
        var composed = try compose(ready, bot: bot, author: user, inChannel: inChannel, in: tx)
        composed.content.viaBot = Views.user(bot)
        let filled = composed.content
        var draft = MessageDraft(replyMarkup: composed.keyboard.map(ReplyMarkup.inlineKeyboard)) { $0 = filled }
        draft.viaBot = bot
        let sent = try Outbox.send(draft, to: destination, from: user, in: tx)
        let chatID = try Invoices.internalChatID(of: destination, sender: user, in: tx.store)
        try record(composed, sent: sent, chatID: chatID, bot: bot, in: tx)
        guard sent.replyMarkup != nil, chatID != 0 else { return (sent, nil) }
        return (sent, try InlineMessages.register(chatID: chatID, messageID: Int64(sent.messageId), botID: bot.id, in: tx))
    }

    /// Keeps what a sent result's game or invoice needs: its game button then names the game
    /// (scores go to this chat's table), and whoever in the chat pays the invoice pays the bot.
    static func record(_ composed: Composed, sent: Message, chatID: Int64, bot: AccountRecord, in tx: Transaction) throws {
        if let game = composed.game, let chat = try tx.store.chat(id: chatID) {
            try Games.recordMessage(sent.messageId, in: chat, shows: game, in: tx.store)
        }
        if let invoice = composed.invoice {
            _ = try tx.store.insert(InvoiceRecord(botID: bot.id, chatID: chatID, messageID: Int64(sent.messageId), terms: invoice.encoded))
        }
    }

    /// The message `ready` sends, its texts composed as `author` wrote them.
    static func compose(_ ready: Ready, bot: AccountRecord, author user: AccountRecord, inChannel: Bool, in tx: Transaction) throws -> Composed {
        var content = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
        try fill(&content, with: ready.result.content, sender: user, in: tx.store)
        if let item = ready.media {
            // Photo sizes, thumbnails and durations stored with the file (MediaDerivation).
            let media = try MediaDerivation.store(item.file, in: tx.store, now: tx.now)
            let record = media.record
            let caption = try MediaSending.caption(item.caption, sender: user, in: tx.store)
            if item.kind == .sticker {
                content.sticker = sticker(record)
            } else {
                MediaSending.attach(item, media: media, uploadedThumbnail: nil, to: &content)
                content.caption = caption.text
                content.captionEntities = caption.entities
            }
        }
        var keyboard = ready.result.replyMarkup
        var game: GameRecord?
        var invoice: InvoiceTerms?
        switch ready.result.content {
        case .game(let shortName):
            if inChannel { throw Games.notInChannels }
            let found = try InlineResults.game(shortName, of: bot, keyboard: keyboard, in: tx.store)
            content.game = Games.view(found.game)
            (game, keyboard) = (found.game, found.keyboard)
        case .invoice(let terms):
            let checked = try InlineResults.checkedInvoice(terms)
            content.invoice = checked.invoice
            invoice = checked
        default:
            break
        }
        return Composed(content: content, keyboard: keyboard, game: game, invoice: invoice)
    }

    /// A sticker result's file as a `Sticker`: a regular sticker of the file's size.
    static func sticker(_ record: FileRecord) -> Sticker {
        Sticker(
            fileId: FileIdentifiers.fileID(for: record, as: .sticker), fileUniqueId: FileIdentifiers.uniqueID(for: record),
            type: "regular", width: record.width ?? 512, height: record.height ?? 512,
            isAnimated: record.mimeType == "application/x-tgsticker", isVideo: record.mimeType == "video/webm", fileSize: Int(record.size))
    }

    /// Tells `bot` which result `user` chose (`chosen_inline_result`), if the bot asked for
    /// that feedback (``InlineSettings``).
    static func reportChoice(
        of resultID: String, query: String, inlineMessageID: String?, by user: AccountRecord, to bot: AccountRecord, in tx: Transaction
    ) throws {
        guard try InlineSettings.feedback(of: bot.id, in: tx.store) else { return }
        let chosen = ChosenInlineResult(resultId: resultID, from: Views.user(user), inlineMessageId: inlineMessageID, query: query)
        try tx.enqueue(.chosenInlineResult(from: user.id, chosen.jsonBytes), for: bot.id)
        try Visibility.received(user, by: bot, in: tx.store)
    }
}
