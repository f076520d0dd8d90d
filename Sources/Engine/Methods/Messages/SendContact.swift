import BotAPI
import Storage

/// `sendContact` for bots and users: a phone contact card, `vcard` up to 2048 bytes.
enum SendContact: APIMethod {
    static let name = "sendContact"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: SendContactParameters = try call.decode()
        let message = try await call.send(
            to: p.chatId, replyMarkup: p.replyMarkup, replyParameters: p.replyParameters, protectContent: p.protectContent
        ) { message, _ in
            if let vcard = p.vcard, vcard.utf8.count > 2048 { throw APIError.badRequest("VCARD_TOO_LONG") }
            message.contact = Contact(phoneNumber: p.phoneNumber, firstName: p.firstName, lastName: p.lastName, vcard: p.vcard)
        }
        return MethodResult(message)
    }
}
