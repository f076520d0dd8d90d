import BotAPI
import Foundation
import Storage

/// `editMessageMedia`: replaces the photo, live photo, video, audio, document or animation of a media
/// message the caller sent, with a new file (upload, `file_id` or URL) and caption.
enum EditMessageMedia: APIMethod {
    static let name = "editMessageMedia"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try MessageEditing.requireInlineMarkup(in: call)
        let target = try MessageEditing.target(of: call)
        let media = try MessageEditing.newMedia(of: call)
        let p: EditMessageMediaParameters = try call.decode()
        // The file is stored before the edit's transaction, like any upload; an edit that is
        // then refused leaves only an unreferenced, deduplicated blob behind.
        let item = try await SendMediaGroup.item(media, call: call)
        let now = call.engine.clock.now()
        let editor = call.account
        return try await MessageEditing.edit(call, target: target, replyMarkup: p.replyMarkup) { message, store in
            try MessageEditing.replaceMedia(of: &message, with: item, by: editor, in: store, now: now)
        }
    }
}
