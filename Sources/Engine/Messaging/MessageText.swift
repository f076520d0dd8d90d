import BotAPI
import Formatting
import Storage

/// Turns a call's text parameters into the final text and entities of a message: parse mode
/// or explicit entities, the official limits and trimming (via `Formatting`), and the
/// entities Telegram detects by itself (mentions, links, commands…).
enum MessageText {
    /// - Parameters:
    ///   - text: the raw `text` (or `caption`) parameter.
    ///   - parseMode: the raw `parse_mode`; when it names a mode, `entities` are ignored.
    ///   - entities: the decoded `entities`.
    ///   - resolveUser: looks up a `text_mention` target.
    ///   - phoneNumbers: also detect `phone_number`s, as Telegram's apps do in what a person
    ///     types (a bot's text gets none, as TDLib leaves them to clients).
    static func compose(
        text: String, parseMode: String?, entities: [MessageEntity]?, kind: TextKind, phoneNumbers: Bool = false,
        resolveUser: (Int) throws -> User?
    ) throws -> (text: String, entities: [MessageEntity]?) {
        guard text.utf8.count <= 32768 else { throw APIError.badRequest("text is too long") }
        var formatted: FormattedText
        do {
            if let parseMode, let mode = try ParseMode.named(parseMode) {
                formatted = try EntityParser.parse(text, mode: mode)
            } else {
                formatted = FormattedText(text: text, entities: (entities ?? []).map(textEntity))
            }
            // Merges in what Telegram detects by itself (commands, mentions, links, …).
            formatted = try TextValidator.normalize(
                text: formatted.text, entities: formatted.entities, kind: kind, detectEntities: true, phoneNumbers: phoneNumbers)
        } catch {
            throw APIError.badRequest(error.description)
        }
        var messageEntities: [MessageEntity] = []
        for entity in formatted.entities { messageEntities.append(try messageEntity(entity, resolveUser: resolveUser)) }
        return (formatted.text, messageEntities.isEmpty ? nil : messageEntities)
    }

    static func textEntity(_ entity: MessageEntity) -> TextEntity {
        TextEntity(
            type: entity.type, offset: entity.offset, length: entity.length, url: entity.url, userID: entity.user?.id,
            language: entity.language, customEmojiID: entity.customEmojiId, unixTime: entity.unixTime,
            dateTimeFormat: entity.dateTimeFormat)
    }

    static func messageEntity(_ entity: TextEntity, resolveUser: (Int) throws -> User?) throws -> MessageEntity {
        var user: User?
        if let userID = entity.userID {
            guard let resolved = try resolveUser(userID) else { throw APIError.badRequest("can't parse entities: user not found") }
            user = resolved
        }
        return MessageEntity(
            type: entity.type, offset: entity.offset, length: entity.length, url: entity.url, user: user,
            language: entity.language, customEmojiId: entity.customEmojiID, unixTime: entity.unixTime,
            dateTimeFormat: entity.dateTimeFormat)
    }
}
