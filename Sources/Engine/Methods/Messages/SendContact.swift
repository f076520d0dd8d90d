import BotAPI
import Storage

/// `sendContact` for bots and users: a phone contact card, `vcard` up to 2048 bytes.
///
/// A person sharing their own contact (a reply keyboard's `request_contact` button) may pass
/// `user_id` = their own id, which the contact then carries, so the bot can tell it is the
/// sender's own number. Telegram fills `user_id` in from the phone number; accounts here
/// have none. Any other `user_id` answers "CONTACT_ID_INVALID"; bots can't pass it.
enum SendContact: APIMethod {
    static let name = "sendContact"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: SendContactParameters = try call.decode()
        let ownID = try ownUserID(call)
        let message = try await call.send(
            to: p.chatId, replyMarkup: p.replyMarkup, replyParameters: p.replyParameters, protectContent: p.protectContent,
            ephemeral: try EphemeralMessages.target(p.ephemeralMessageParameters, in: call)
        ) { message, _ in
            if let vcard = p.vcard, vcard.utf8.count > 2048 { throw APIError.badRequest("VCARD_TOO_LONG") }
            message.contact = Contact(phoneNumber: p.phoneNumber, firstName: p.firstName, lastName: p.lastName, userId: ownID, vcard: p.vcard)
        }
        return MethodResult(message)
    }

    /// The `user_id` a person passes for their own contact, checked, or nil.
    private static func ownUserID(_ call: MethodCall) throws -> Int? {
        guard !call.account.isBot, let raw = call.parameters["user_id"], !raw.isEmpty else { return nil }
        guard LenientParse.integer(raw) == Int(call.account.id) else { throw APIError.badRequest("CONTACT_ID_INVALID") }
        return Int(call.account.id)
    }
}
