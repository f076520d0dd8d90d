import BotAPI
import Foundation

/// The `link_preview_options` a text message carries. Options the sender changed are kept
/// as given; otherwise a message with a link shows the link its preview is for,
/// `{"url":"…"}`, as Telegram returns it, unless previews were turned off with the legacy
/// `disable_web_page_preview` (`disabled`).
enum LinkPreviews {
    static func options(given: LinkPreviewOptions?, disabled: Bool, text: String, entities: [MessageEntity]?) -> LinkPreviewOptions? {
        if let given, given.jsonBytes != Array("{}".utf8) { return given }
        if disabled { return nil }
        guard let url = firstLink(in: text, entities: entities ?? []) else { return nil }
        return LinkPreviewOptions(url: url)
    }

    /// The first link of the text: a `url` entity's text, or a `text_link`'s target.
    static func firstLink(in text: String, entities: [MessageEntity]) -> String? {
        let utf16 = Array(text.utf16)
        for entity in entities.sorted(by: { $0.offset < $1.offset }) {
            switch entity.type {
            case "url":
                guard entity.offset >= 0, entity.length > 0, entity.offset + entity.length <= utf16.count else { continue }
                return String(decoding: utf16[entity.offset..<(entity.offset + entity.length)], as: UTF16.self)
            case "text_link":
                if let url = entity.url { return url }
            default:
                continue
            }
        }
        return nil
    }
}
