import BotAPI
import Foundation

/// `editEphemeralMessageMedia`: replaces the file of a media message the bot sent to one
/// member only, as `editMessageMedia` does; the receiver gets `edited_message`. Answers True.
enum EditEphemeralMessageMedia: APIMethod {
    static let name = "editEphemeralMessageMedia"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try MessageEditing.requireInlineMarkup(in: call)
        let media = try MessageEditing.newMedia(of: call)
        let p: EditEphemeralMessageMediaParameters = try call.decode()
        let item = try await SendMediaGroup.item(media, call: call)
        let now = call.engine.clock.now()
        let editor = call.account
        return try await EphemeralMessages.edit(
            call, chatID: p.chatId, receiverID: Int64(p.receiverUserId), ephemeralMessageID: p.ephemeralMessageId,
            replyMarkup: p.replyMarkup
        ) { message, store in
            try MessageEditing.replaceMedia(of: &message, with: item, by: editor, in: store, now: now)
        }
    }
}
