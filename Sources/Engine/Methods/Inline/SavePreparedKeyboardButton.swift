import BotAPI
import Foundation
import Storage

/// `savePreparedKeyboardButton`: stores a `request_users`, `request_chat` or
/// `request_managed_bot` button a user of the bot's Mini App may then press (what the
/// app's `requestChat` does). Answers `PreparedKeyboardButton` with its id. The button is
/// parsed and checked as a reply keyboard's button is.
enum SavePreparedKeyboardButton: APIMethod {
    static let name = "savePreparedKeyboardButton"
    static let surfaces: Set<Surface> = [.bot]

    /// How long a prepared button is kept: a day, as prepared inline messages are.
    static let lifetime: Int64 = 86400

    /// A stored button (``InlineRecord/Kind/preparedButton``).
    struct Stored: Codable, Sendable {
        var userID: Int64
        /// The button as JSON.
        var button: String
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = call.parameters["user_id"].map(LenientParse.integer) ?? 0
        guard userID > 0 else { throw APIError.badRequest("invalid user_id specified") }
        let button = try parseButton(call.parameters["button"])
        guard let checked = try Keyboards.validated(ReplyKeyboardMarkup(keyboard: [[button]]), in: .privateChat)?.keyboard.first?.first,
              checked.requestUsers != nil || checked.requestChat != nil || checked.requestManagedBot != nil
        else { throw APIError.badRequest("BUTTON_TYPE_INVALID") }
        let bot = call.account
        let id = try await call.engine.write { tx in
            guard let user = try Visibility.account(id: Int64(userID), viewer: bot, in: tx.store), !user.isBot else {
                throw APIError.badRequest("user not found")
            }
            let id = InlineMessages.newID()
            let value = try JSONEncoder().encode(Stored(userID: user.id, button: String(decoding: checked.jsonBytes, as: UTF8.self)))
            try tx.store.save(InlineRecord(kind: .preparedButton, id: id, botID: bot.id, expiresAt: tx.now + lifetime, value: value))
            return id
        }
        return MethodResult(PreparedKeyboardButton(id: id))
    }

    /// The `button` parameter: a KeyboardButton object, or a string for a plain text button,
    /// with the official parse errors.
    static func parseButton(_ raw: String?) throws -> KeyboardButton {
        guard let raw, let value = SettingsJSON.parse(raw) else { throw APIError.badRequest("can't parse keyboard button JSON object") }
        switch value {
        case .string(let text):
            return KeyboardButton(text: text)
        case .object(let object):
            do {
                _ = try object.requiredString("text")
            } catch {
                throw APIError.badRequest("can't parse keyboard button: \(error.message)")
            }
            guard let button = try? JSONDecoder().decode(KeyboardButton.self, from: Data(raw.utf8)) else {
                throw APIError.badRequest("can't parse keyboard button: can't parse KeyboardButton")
            }
            return button
        default:
            throw APIError.badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object")
        }
    }
}
