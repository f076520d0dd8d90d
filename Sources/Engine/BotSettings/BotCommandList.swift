import BotAPI
import Foundation
import Storage

/// A bot's command lists: parsing and validating `setMyCommands`' `commands`, and storing
/// one list per (scope, language).
enum BotCommandList {
    /// Telegram's limit on commands per list; more is refused with a raw server code.
    static let maximumCount = 100

    /// Parses the `commands` parameter in the official wording (behaviour.md §2.14);
    /// absent or empty is an empty list. Only the shape is checked here; see ``validated(_:)``.
    static func parse(_ text: String?) throws -> [BotCommand] {
        guard let text else { return [] }
        guard let json = SettingsJSON.parse(text) else { throw APIError.badRequest("can't parse commands JSON object") }
        guard case .array(let elements) = json else { throw APIError.badRequest("expected an Array of BotCommand") }
        return try elements.map { element in
            do throws(SettingsJSON.FieldError) {
                guard case .object(let object) = element else { throw SettingsJSON.FieldError("expected an Object") }
                return BotCommand(command: try object.requiredString("command"), description: try object.requiredString("description"))
            } catch {
                throw APIError.badRequest("can't parse BotCommand: \(error.message)")
            }
        }
    }

    /// The commands as stored: each trimmed, one leading `/` stripped, then checked by
    /// TDLib's rules (lengths in code points) and afterwards by Telegram's (charset, count),
    /// which surface as raw codes.
    static func validated(_ commands: [BotCommand]) throws -> [BotCommand] {
        let cleaned = try commands.map { command in
            var name = command.command.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.hasPrefix("/") { name.removeFirst() }
            guard !name.isEmpty else { throw APIError.badRequest("command must be non-empty") }
            guard name.unicodeScalars.count <= 32 else { throw APIError.badRequest("command length must not exceed 32") }
            let description = command.description.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !description.isEmpty else { throw APIError.badRequest("command description must be non-empty") }
            guard description.unicodeScalars.count <= 256 else {
                throw APIError.badRequest("command description length must not exceed 256")
            }
            return BotCommand(command: name, description: description)
        }
        for command in cleaned {
            let allowed = command.command.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "_")
            }
            guard allowed else { throw APIError.badRequest("BOT_COMMAND_INVALID") }
        }
        guard cleaned.count <= maximumCount else { throw APIError.badRequest("BOT_COMMANDS_TOO_MUCH") }
        return cleaned
    }

    static func key(bot: Int64, scope: ResolvedCommandScope, language: String) -> String {
        BotSettingsStorage.key(bot: bot, "commands", scope.key, language)
    }

    /// The list set for exactly this scope and language, nil if none is.
    static func load(bot: Int64, scope: ResolvedCommandScope, language: String, in store: any StoreReader) throws -> [BotCommand]? {
        guard let text = try BotSettingsStorage.value(key(bot: bot, scope: scope, language: language), in: store) else { return nil }
        return try JSONDecoder().decode([BotCommand].self, from: Data(text.utf8))
    }

    /// Stores a list; an empty one deletes the list, as on Telegram.
    static func save(_ commands: [BotCommand], bot: Int64, scope: ResolvedCommandScope, language: String, in store: any StoreWriter) throws {
        let value = commands.isEmpty ? nil : commands.jsonString
        try BotSettingsStorage.set(key(bot: bot, scope: scope, language: language), value, in: store)
    }
}
