import BotAPI
import Foundation

/// answerInlineQuery's `button` (InlineQueryResultsButton), or the legacy
/// `switch_pm_text` + `switch_pm_parameter`.
struct InlineResultsButton: Sendable {
    enum Action: Sendable {
        case start(parameter: String)
        case webApp(url: String)
    }

    var text: String
    var action: Action

    /// The button as the user's `sendInlineQuery` shows it.
    var json: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("text", text)
        switch action {
        case .start(let parameter):
            writer.member("start_parameter", parameter)
        case .webApp(let url):
            writer.key("web_app")
            writer.beginObject()
            writer.member("url", url)
            writer.endObject()
        }
        writer.endObject()
        return writer.string
    }

    /// Parses the call's button parameters with the official errors; nil when there is none.
    static func parse(_ parameters: Parameters) throws -> InlineResultsButton? {
        guard let raw = parameters["button"], !raw.isEmpty else {
            guard let text = parameters["switch_pm_text"], !text.isEmpty else { return nil }
            return InlineResultsButton(text: text, action: .start(parameter: parameters["switch_pm_parameter"] ?? ""))
        }
        guard let value = SettingsJSON.parse(raw) else { throw APIError.badRequest("can't parse inline query results button JSON object") }
        do {
            guard case .object(let object) = value else { throw SettingsJSON.FieldError("InlineQueryResultsButton must be an Object") }
            let text = try object.requiredString("text")
            if object.field("start_parameter") != nil {
                return InlineResultsButton(text: text, action: .start(parameter: try object.requiredString("start_parameter")))
            }
            if object.field("web_app") != nil {
                let webApp = try object.requiredObject("web_app")
                return InlineResultsButton(text: text, action: .webApp(url: try webApp.requiredString("url")))
            }
            throw SettingsJSON.FieldError("InlineQueryResultsButton must have exactly one optional field")
        } catch let error as SettingsJSON.FieldError {
            throw APIError.badRequest("can't parse inline query results button: \(error.message)")
        }
    }

    /// TDLib's checks of the start parameter (1–64 characters of `A-Za-z0-9_-`) and
    /// Telegram's of the Web App URL (https).
    static func check(_ button: InlineResultsButton) throws {
        switch button.action {
        case .start(let parameter):
            if parameter.isEmpty { throw APIError.badRequest("can't use empty start_parameter") }
            if parameter.utf8.count > 64 { throw APIError.badRequest("too long start_parameter specified") }
            let allowed = parameter.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
            if !allowed { throw APIError.badRequest("unallowed characters in start_parameter are used") }
        case .webApp(let url):
            guard let components = URLComponents(string: url), components.scheme?.lowercased() == "https",
                  components.host?.isEmpty == false
            else { throw APIError.badRequest("BUTTON_URL_INVALID") }
        }
    }
}
