import BotAPI
import Storage

/// Where a bot's settings live: the store's key/value `setting` table, one key per
/// (bot, setting, scope, language), e.g. `bot:42:commands:chat:7:en`. An empty value means
/// "not set", which is how deletions are stored (the table has no delete).
enum BotSettingsStorage {
    /// The key of one setting; `parts` name the setting, then its scope and language.
    static func key(bot: Int64, _ parts: String...) -> String {
        (["bot", String(bot)] + parts).joined(separator: ":")
    }

    /// The stored value, nil when absent or cleared.
    static func value(_ key: String, in store: any StoreReader) throws -> String? {
        guard let value = try store.setting(key), !value.isEmpty else { return nil }
        return value
    }

    /// Stores `value`, or clears the key when it is nil or empty.
    static func set(_ key: String, _ value: String?, in store: any StoreWriter) throws {
        try store.setSetting(key, value ?? "")
    }

    /// Checks a `language_code` parameter: empty, or exactly two lowercase ASCII letters
    /// (TDLib's rule, behaviour.md §2.14).
    static func languageCode(_ raw: String?) throws -> String {
        let code = raw ?? ""
        let letters = code.utf8.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        guard code.isEmpty || (code.utf8.count == 2 && letters) else {
            throw APIError.badRequest("invalid language code specified")
        }
        return code
    }
}
