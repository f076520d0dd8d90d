import BotAPI
import Foundation
import Storage

/// One `InlineQueryResult` as a bot gave it (answerInlineQuery, answerWebAppQuery,
/// savePreparedInlineMessage), parsed the way the official server parses it: the type names
/// all 20 kinds (a cached kind is the same `type` with a `…_file_id` instead of a URL), and
/// `content` is what choosing the result sends.
struct InlineResult: Sendable {
    /// The `type` field, lower-cased as the official server reads it.
    enum Kind: String, Sendable {
        case article, audio, contact, document, game, gif, location, photo, sticker, venue, video, voice
        case mpeg4Gif = "mpeg4_gif"
    }

    var kind: Kind
    var id: String
    /// What choosing the result sends.
    var content: InlineContent
    /// The result's inline keyboard, already checked.
    var replyMarkup: InlineKeyboardMarkup?
    /// The result object as the bot sent it, for the user's `sendInlineQuery` answer.
    var json: SettingsJSON
    /// The result's own file (a URL or a `file_id`), even when `input_message_content`
    /// replaces it in the message: it is checked all the same.
    var file: MediaFile?
    /// What the layers below the Bot API layer will refuse (raw message), found while
    /// parsing; they refuse it only after every result parsed, as on the official server.
    var refusal: String?
}

/// A result's file: a URL (it contains a '.') or a `file_id`, sent as `kind`.
struct MediaFile: Sendable {
    var kind: MediaKind
    var file: String
    var mimeType: String
}

/// What a chosen inline result becomes in the chat: the result's own media, or its
/// `input_message_content` (text, location, venue, contact, invoice), or a game.
enum InlineContent: Sendable {
    case text(text: String, parseMode: String?, entities: String?, linkPreview: LinkPreviewOptions?)
    case location(latitude: Double, longitude: Double, horizontalAccuracy: Double, livePeriod: Int, heading: Int, proximityAlertRadius: Int)
    case venue(latitude: Double, longitude: Double, title: String, address: String, foursquareID: String, foursquareType: String,
               googlePlaceID: String, googlePlaceType: String)
    case contact(phoneNumber: String, firstName: String, lastName: String, vcard: String)
    /// An invoice as the bot wrote it (`InputInvoiceMessageContent`), checked as `sendInvoice`
    /// checks its parameters only once every result parsed (``InlineResults/check(_:bot:engine:)``).
    case invoice(InvoiceTerms)
    /// A file by URL (it contains a '.') or by `file_id`, as `kind`, with its caption.
    case media(kind: MediaKind, file: String, mimeType: String, caption: CaptionSource, details: MediaDetails)
    case game(shortName: String)
}

/// A caption as given in a result, composed when the message is sent.
struct CaptionSource: Sendable {
    var text: String
    var parseMode: String
    /// The `caption_entities` array as JSON text, if given.
    var entities: String?
    var showAboveMedia: Bool
}

/// Parsing and checking inline results with the official errors.
enum InlineResults {
    /// At most this many results per answer (the official server's limit).
    static let maxResults = 50

    /// Parses answerInlineQuery's `results`: empty or JSON `null` is no results.
    static func parseList(_ raw: String?) throws -> [InlineResult] {
        guard let raw, !raw.isEmpty else { return [] }
        guard let value = SettingsJSON.parse(raw) else {
            throw APIError.badRequest("can't parse JSON encoded inline query results: \(jsonErrorText)")
        }
        if value == .null { return [] }
        guard case .array(let elements) = value else { throw APIError.badRequest("expected an Array of inline query results") }
        guard elements.count <= maxResults else { throw APIError.badRequest("too many inline query results specified") }
        return try elements.map { element in
            do {
                return try parse(element)
            } catch {
                throw refusal(error) { "can't parse inline query result: \($0)" }
            }
        }
    }

    /// Parses the single `result` of answerWebAppQuery and savePreparedInlineMessage, whose
    /// errors are not prefixed.
    static func parseSingle(_ raw: String?) throws -> InlineResult {
        guard let raw, !raw.isEmpty else { throw APIError.badRequest("result isn't specified") }
        guard let value = SettingsJSON.parse(raw) else {
            throw APIError.badRequest("can't parse JSON encoded web view query results \(jsonErrorText)")
        }
        do {
            return try parse(value)
        } catch {
            throw refusal(error) { lowercasingFirst($0) }
        }
    }

    /// The answer for a failed parse: refusals from below the Bot API layer as they are, the
    /// parser's own messages worded by `describe`.
    private static func refusal(_ error: any Error, describe: (String) -> String) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as ServerError: return APIError.badRequest(lowercasingFirst(error.message))
        case let error as Failure: return APIError.badRequest(describe(error.message))
        case let error as SettingsJSON.FieldError: return APIError.badRequest(describe(error.message))
        default: return APIError.badRequest(describe("\(error)"))
        }
    }

    /// What the official JSON decoder says about text that is not JSON (its position
    /// details are left out).
    static let jsonErrorText = "Unexpected symbol while parsing JSON value"

    /// A raw message as the official server turns it into a description: the first letter
    /// lower-cased unless the word is a code (behaviour.md §1.5).
    static func lowercasingFirst(_ message: String) -> String {
        let scalars = Array(message.unicodeScalars.prefix(2))
        guard let first = scalars.first else { return message }
        if scalars.count > 1, scalars[1] == "_" || ("A"..."Z").contains(scalars[1]) { return message }
        return String(first).lowercased() + String(message.unicodeScalars.dropFirst())
    }

    /// Failure with a message in the official wording.
    struct Failure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    // MARK: The Bot API layer

    /// Parses one result object as the official server's Bot API layer does.
    /// Throws ``Failure`` or `SettingsJSON.FieldError` for what that layer refuses,
    /// ``ServerError`` or `APIError` for what the layers below it refuse.
    static func parse(_ value: SettingsJSON) throws -> InlineResult {
        guard case .object(let object) = value else { throw Failure("Inline query result must be an object") }
        return try parse(object, json: value)
    }

    private static func parse(_ object: SettingsJSON.Object, json: SettingsJSON) throws -> InlineResult {
        let type = try object.requiredString("type").lowercased()
        let id = try object.requiredString("id")
        let isArticle = type == "article"

        var messageContent: InlineContent?
        if let contentObject = try object.optionalObject("input_message_content") {
            messageContent = try inputMessageContent(contentObject)
            if messageContent == nil && isArticle { throw Failure("Input message content is not specified") }
        } else {
            // The legacy fields of the result itself.
            let text = try isArticle ? object.requiredString("message_text") : object.optionalString("message_text")
            if isArticle || !text.isEmpty {
                if text.isEmpty { throw Failure("Message text is empty") }
                let disablePreview = try object.optionalBool("disable_web_page_preview")
                messageContent = .text(
                    text: text, parseMode: try object.optionalString("parse_mode").nonEmpty,
                    entities: object.present("entities")?.text,
                    linkPreview: disablePreview ? LinkPreviewOptions(isDisabled: true) : nil)
            }
        }
        let caption = CaptionSource(
            text: try object.optionalString("caption"), parseMode: try object.optionalString("parse_mode"),
            entities: object.present("caption_entities")?.text, showAboveMedia: try object.optionalBool("show_caption_above_media"))
        guard caption.text.utf8.count <= 1 << 15 else { throw Failure("Text is too long") }
        var markup: InlineKeyboardMarkup?
        var markupRefusal: String?
        do {
            markup = try replyMarkup(object)
        } catch let error as ServerError {
            markupRefusal = error.message
        }
        // Thumbnails: the current names, else the legacy `thumb_*` ones.
        let thumbnailPrefix = ["thumbnail_url", "thumbnail_width", "thumbnail_height"].contains(where: object.has) ? "thumbnail" : "thumb"
        let thumbnailURL = try object.optionalString("\(thumbnailPrefix)_url")
        _ = try object.optionalInt("\(thumbnailPrefix)_width")
        _ = try object.optionalInt("\(thumbnailPrefix)_height")

        var file: MediaFile?
        var refusal = markupRefusal
        func media(_ kind: MediaKind, _ url: String, mime: String = "", details: MediaDetails = MediaDetails()) -> InlineContent {
            file = MediaFile(kind: kind, file: url, mimeType: mime)
            return messageContent ?? .media(kind: kind, file: url, mimeType: mime, caption: caption, details: details)
        }
        func make(_ kind: InlineResult.Kind, _ content: InlineContent) -> InlineResult {
            InlineResult(kind: kind, id: id, content: content, replyMarkup: markup, json: json, file: file, refusal: refusal)
        }

        switch type {
        case "article":
            _ = try object.optionalString("url")
            _ = try object.optionalBool("hide_url")
            let title = try object.requiredString("title")
            _ = try object.optionalString("description")
            guard let messageContent else { throw Failure("Input message content is not specified") }
            if title.isEmpty { refusal = refusal ?? "ARTICLE_TITLE_EMPTY" }
            return make(.article, messageContent)
        case "audio":
            var url = try object.optionalString("audio_url")
            let duration = try object.optionalInt("audio_duration")
            let title = try url.isEmpty ? object.optionalString("title") : object.requiredString("title")
            let performer = try object.optionalString("performer")
            if url.isEmpty { url = try object.requiredString("audio_file_id") }
            return make(.audio, media(.audio, url, mime: "audio/mpeg", details: MediaDetails(
                duration: duration, performer: performer.nonEmpty, title: title.nonEmpty)))
        case "contact":
            let phone = try object.requiredString("phone_number")
            let first = try object.requiredString("first_name")
            let last = try object.optionalString("last_name")
            let vcard = try object.optionalString("vcard")
            return make(.contact, messageContent ?? .contact(phoneNumber: phone, firstName: first, lastName: last, vcard: vcard))
        case "document":
            _ = try object.requiredString("title")
            _ = try object.optionalString("description")
            var url = try object.optionalString("document_url")
            let mime = try url.isEmpty ? object.optionalString("mime_type") : object.requiredString("mime_type")
            if url.isEmpty { url = try object.requiredString("document_file_id") }
            return make(.document, media(.document, url, mime: mime))
        case "game":
            let shortName = try object.requiredString("game_short_name")
            return make(.game, .game(shortName: shortName))
        case "gif", "mpeg4_gif":
            let prefix = type == "gif" ? "gif" : "mpeg4"
            _ = try object.optionalString("title")
            var url = try object.optionalString("\(prefix)_url")
            _ = try object.optionalString(object.has("thumbnail_mime_type") ? "thumbnail_mime_type" : "thumb_mime_type")
            let details = MediaDetails(
                duration: try object.optionalInt("\(prefix)_duration"), width: try object.optionalInt("\(prefix)_width"),
                height: try object.optionalInt("\(prefix)_height"))
            if url.isEmpty { url = try object.requiredString("\(prefix)_file_id") }
            return make(type == "gif" ? .gif : .mpeg4Gif, media(.animation, url, mime: type == "gif" ? "image/gif" : "video/mp4", details: details))
        case "location":
            let location = try messageContent ?? locationContent(object)
            _ = try object.requiredDouble("latitude")
            _ = try object.requiredDouble("longitude")
            _ = try object.requiredString("title")
            return make(.location, location)
        case "photo":
            _ = try object.optionalString("title")
            _ = try object.optionalString("description")
            var url = try object.optionalString("photo_url")
            let details = MediaDetails(width: try object.optionalInt("photo_width"), height: try object.optionalInt("photo_height"))
            if url.isEmpty {
                url = try object.requiredString("photo_file_id")
            } else if thumbnailURL.isEmpty {
                refusal = refusal ?? "PHOTO_THUMB_URL_EMPTY"
            }
            return make(.photo, media(.photo, url, mime: "image/jpeg", details: details))
        case "sticker":
            let file = try object.requiredString("sticker_file_id")
            return make(.sticker, media(.sticker, file))
        case "venue":
            let place = try venue(object)
            return make(.venue, messageContent ?? place)
        case "video":
            _ = try object.requiredString("title")
            _ = try object.optionalString("description")
            var url = try object.optionalString("video_url")
            let mime = try url.isEmpty ? object.optionalString("mime_type") : object.requiredString("mime_type")
            let details = MediaDetails(
                duration: try object.optionalInt("video_duration"), width: try object.optionalInt("video_width"),
                height: try object.optionalInt("video_height"))
            _ = try object.optionalInt("video_start_timestamp")
            if url.isEmpty { url = try object.requiredString("video_file_id") }
            return make(.video, media(.video, url, mime: mime, details: details))
        case "voice":
            _ = try object.requiredString("title")
            var url = try object.optionalString("voice_url")
            let duration = try object.optionalInt("voice_duration")
            if url.isEmpty { url = try object.requiredString("voice_file_id") }
            return make(.voice, media(.voice, url, mime: "audio/ogg", details: MediaDetails(duration: duration)))
        default:
            throw Failure("type \"\(type)\" is unsupported for the inline query result")
        }
    }

    /// An `InputMessageContent`, recognised by its fields in the official order; nil when
    /// none of them is there.
    static func inputMessageContent(_ object: SettingsJSON.Object) throws -> InlineContent? {
        let text = try object.optionalString("message_text")
        if !text.isEmpty {
            var preview: LinkPreviewOptions?
            if object.field("link_preview_options") != nil {
                let options = try object.requiredObject("link_preview_options")
                preview = LinkPreviewOptions(
                    isDisabled: try options.optionalBool("is_disabled") ? true : nil, url: try options.optionalString("url").nonEmpty,
                    preferSmallMedia: try options.optionalBool("prefer_small_media") ? true : nil,
                    preferLargeMedia: try options.optionalBool("prefer_large_media") ? true : nil,
                    showAboveText: try options.optionalBool("show_above_text") ? true : nil)
            } else if try object.optionalBool("disable_web_page_preview") {
                preview = LinkPreviewOptions(isDisabled: true)
            }
            return .text(
                text: text, parseMode: try object.optionalString("parse_mode").nonEmpty, entities: object.present("entities")?.text,
                linkPreview: preview)
        }
        if object.has("latitude") && object.has("longitude") {
            if object.has("title") && object.has("address") { return try venue(object) }
            return try locationContent(object)
        }
        if object.has("phone_number") {
            return .contact(
                phoneNumber: try object.requiredString("phone_number"), firstName: try object.requiredString("first_name"),
                lastName: try object.optionalString("last_name"), vcard: try object.optionalString("vcard"))
        }
        if object.has("payload") { return .invoice(try invoiceTerms(object)) }
        return nil
    }

    /// The fields of an `InputInvoiceMessageContent`, read in the official server's order with
    /// its messages (the price and tip lists as `sendInvoice` reads them).
    private static func invoiceTerms(_ object: SettingsJSON.Object) throws -> InvoiceTerms {
        /// An array member, parsed for ``InvoiceRules``; nil when absent.
        func array(_ name: String) throws -> Any? {
            guard let value = object.present(name) else { return nil }
            guard case .array = value,
                  let parsed = try? JSONSerialization.jsonObject(with: Data(value.text.utf8), options: [.fragmentsAllowed])
            else { throw Failure("Field \"\(name)\" must be of type Array") }
            return parsed
        }
        func official<T>(_ read: () throws -> T) throws -> T {
            do {
                return try read()
            } catch let failure as InvoiceRules.Failure {
                throw Failure(failure.text)
            }
        }
        let title = try object.requiredString("title")
        let description = try object.requiredString("description")
        let payload = try object.requiredString("payload")
        let providerToken = try object.optionalString("provider_token")
        let currency = try object.requiredString("currency")
        guard let pricesJSON = try array("prices") else { throw Failure("Can't find field \"prices\"") }
        let prices = try official { try InvoiceRules.priceLines(pricesJSON) }
        let providerData = try object.optionalString("provider_data")
        let maxTip = try object.optionalLong("max_tip_amount")
        let tips = try array("suggested_tip_amounts").map { json in try official { try InvoiceRules.tipAmounts(json) } }
        let photoURL = try object.optionalString("photo_url")
        let photoSize = try object.optionalInt("photo_size")
        let photoWidth = try object.optionalInt("photo_width")
        let photoHeight = try object.optionalInt("photo_height")
        return InvoiceTerms(
            title: title, description: description, payload: payload, providerToken: providerToken,
            providerData: providerData.nonEmpty, currency: currency, prices: prices, maxTipAmount: maxTip, suggestedTipAmounts: tips ?? [],
            photoURL: photoURL.nonEmpty, photoSize: InvoiceRules.photoMeasure(photoSize, upper: InvoiceRules.maxPhotoSize),
            photoWidth: InvoiceRules.photoMeasure(photoWidth, upper: InvoiceRules.maxPhotoSide),
            photoHeight: InvoiceRules.photoMeasure(photoHeight, upper: InvoiceRules.maxPhotoSide),
            needName: try object.optionalBool("need_name"), needPhoneNumber: try object.optionalBool("need_phone_number"),
            needEmail: try object.optionalBool("need_email"), needShippingAddress: try object.optionalBool("need_shipping_address"),
            sendPhoneNumberToProvider: try object.optionalBool("send_phone_number_to_provider"),
            sendEmailToProvider: try object.optionalBool("send_email_to_provider"), isFlexible: try object.optionalBool("is_flexible"))
    }

    private static func locationContent(_ object: SettingsJSON.Object) throws -> InlineContent {
        .location(
            latitude: try object.requiredDouble("latitude"), longitude: try object.requiredDouble("longitude"),
            horizontalAccuracy: try object.optionalDouble("horizontal_accuracy"), livePeriod: try object.optionalInt("live_period"),
            heading: try object.optionalInt("heading"), proximityAlertRadius: try object.optionalInt("proximity_alert_radius"))
    }

    private static func venue(_ object: SettingsJSON.Object) throws -> InlineContent {
        .venue(
            latitude: try object.requiredDouble("latitude"), longitude: try object.requiredDouble("longitude"),
            title: try object.requiredString("title"), address: try object.requiredString("address"),
            foursquareID: try object.optionalString("foursquare_id"), foursquareType: try object.optionalString("foursquare_type"),
            googlePlaceID: try object.optionalString("google_place_id"), googlePlaceType: try object.optionalString("google_place_type"))
    }

    /// The result's `reply_markup`: only an inline keyboard, checked as a sent one is.
    private static func replyMarkup(_ object: SettingsJSON.Object) throws -> InlineKeyboardMarkup? {
        guard let markup = try object.optionalObject("reply_markup") else { return nil }
        let text = SettingsJSON.object(markup).text
        if let shape = Keyboards.shapeError(in: text) { throw shape }
        guard let decoded = try? JSONDecoder().decode(ReplyMarkup.self, from: Data(text.utf8)) else {
            throw Failure("Can't parse reply keyboard markup JSON object")
        }
        guard case .inlineKeyboard(let keyboard) = decoded else { throw ServerError("Inline keyboard expected") }
        return try Keyboards.validated(keyboard, in: .privateChat)
    }

    // MARK: The TDLib and Telegram layer

    /// A refusal from below the Bot API layer: its description is the raw message with the
    /// first letter lower-cased (or the raw code), not "can't parse inline query result".
    struct ServerError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// Checks what TDLib and Telegram check once the results are parsed: unique, non-empty
    /// ids of at most 64 bytes, URLs and MIME types, contacts, and that every `file_id` is a
    /// file the bot holds, of a kind the result may send.
    static func check(_ results: [InlineResult], bot: AccountRecord, engine: Engine) async throws {
        var seen = Set<String>()
        for result in results {
            guard !result.id.isEmpty else { throw APIError.badRequest("RESULT_ID_EMPTY") }
            guard result.id.utf8.count <= 64 else { throw APIError.badRequest("RESULT_ID_INVALID") }
            guard seen.insert(result.id).inserted else { throw APIError.badRequest("RESULT_ID_DUPLICATE") }
            try await check(result, bot: bot, engine: engine)
        }
    }

    /// ``check(_:bot:engine:)`` for one result: also that a game is one of the bot's (with a
    /// keyboard a game message may have) and that an invoice passes `sendInvoice`'s checks.
    static func check(_ result: InlineResult, bot: AccountRecord, engine: Engine) async throws {
        if let refusal = result.refusal { throw APIError.badRequest(lowercasingFirst(refusal)) }
        switch result.content {
        case .game(let shortName):
            _ = try await engine.store.read { store in try game(shortName, of: bot, keyboard: result.replyMarkup, in: store) }
        case .invoice(let terms):
            _ = try checkedInvoice(terms)
        default:
            break
        }
        if case .contact(let phone, let first, _, _) = result.content {
            if phone.trimmingCharacters(in: .whitespaces).isEmpty {
                throw APIError.badRequest("field \"phone_number\" must contain a valid phone number")
            }
            if first.trimmingCharacters(in: .whitespaces).isEmpty { throw APIError.badRequest("field \"first_name\" must be non-empty") }
        }
        if case .text(let text, _, _, _) = result.content, text.utf8.count > 1 << 15 { throw APIError.badRequest("text is too long") }
        guard let media = result.file else { return }
        let (kind, file, mime) = (media.kind, media.file, media.mimeType)
        if isURL(file) {
            if result.kind == .sticker { throw APIError.badRequest("wrong sticker_file_id specified") }
            if result.kind == .document && !(mime.hasPrefix("application/pdf") || mime.hasPrefix("application/zip")) {
                throw APIError.badRequest("unallowed document MIME type")
            }
            if result.kind == .video && !(mime.hasPrefix("video/mp4") || mime.hasPrefix("text/html")) {
                throw APIError.badRequest("unallowed video MIME type")
            }
            guard let url = URL(string: file.contains("://") ? file : "http://" + file),
                  let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host?.isEmpty == false
            else { throw APIError.badRequest("WEBDOCUMENT_URL_INVALID") }
        } else {
            _ = try await FileInputs.existing(file, as: kind, for: bot.id, engine: engine)
        }
    }

    /// The bot's game `shortName` names and the keyboard its message gets (the result's own,
    /// whose first button must start the game, or the default "Play" button).
    static func game(
        _ shortName: String, of bot: AccountRecord, keyboard: InlineKeyboardMarkup?, in store: any StoreReader
    ) throws -> (game: GameRecord, keyboard: InlineKeyboardMarkup) {
        guard let game = try store.game(botID: bot.id, shortName: shortName) else { throw Games.unknownInlineGame }
        return (game, try Games.keyboard(keyboard, title: game.title))
    }

    /// An invoice result's terms after `sendInvoice`'s checks, with what those checks imply
    /// (a Stars invoice asks for nothing, a flexible one for an address).
    static func checkedInvoice(_ terms: InvoiceTerms) throws -> InvoiceTerms {
        var checked = terms
        try InvoiceRules.check(&checked)
        return checked
    }

    /// Whether a result's file is a URL rather than a `file_id`: the official rule is that
    /// URLs contain a dot and file ids never do.
    static func isURL(_ file: String) -> Bool { file.contains(".") }
}

extension String {
    /// Nil when empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
