import BotAPI
import Storage

/// A bot's name, description and short description, each per language.
///
/// Getters answer with the value for the asked language, or the default (no-language) one
/// when that language has none: what users of that language see.
///
/// The default name is the bot account's `first_name`: as on Telegram, `setMyName` without
/// a language renames the bot, so `getMe` and every message show the new name. An empty
/// name without a language keeps the name (a bot cannot be nameless); with a language it
/// removes that language's name.
enum BotProfileText: String {
    case name
    case description
    case shortDescription = "short_description"

    /// The longest accepted value, in Unicode code points as the project counts characters
    /// (behaviour.md §5).
    var maximumLength: Int {
        switch self {
        case .name: 64
        case .description: 512
        case .shortDescription: 120
        }
    }

    /// The raw code Telegram answers for a value over the limit (the Bot API server and
    /// TDLib do not check these lengths themselves). Not confirmed by behaviour.md: the
    /// codes of the corresponding profile fields (first name, about).
    private var tooLongCode: String {
        switch self {
        case .name: "FIRSTNAME_INVALID"
        case .description: "BOT_DESCRIPTION_INVALID"
        case .shortDescription: "ABOUT_TOO_LONG"
        }
    }

    private func key(bot: Int64, language: String) -> String {
        BotSettingsStorage.key(bot: bot, rawValue, language)
    }

    /// The value users of `language` see.
    func value(for bot: AccountRecord, language: String, in store: any StoreReader) throws -> String {
        if !language.isEmpty, let value = try BotSettingsStorage.value(key(bot: bot.id, language: language), in: store) {
            return value
        }
        if self == .name { return bot.firstName }
        return try BotSettingsStorage.value(key(bot: bot.id, language: ""), in: store) ?? ""
    }

    /// Sets (or with an empty `value`, removes) the text for `language`.
    func set(_ value: String, language: String, bot: AccountRecord, in tx: Transaction) throws {
        let store = tx.store
        guard value.unicodeScalars.count <= maximumLength else { throw APIError.badRequest(tooLongCode) }
        guard self == .name, language.isEmpty else {
            try BotSettingsStorage.set(key(bot: bot.id, language: language), value, in: store)
            return
        }
        guard !value.isEmpty, var account = try store.account(id: bot.id) else { return }
        account.firstName = value
        try tx.update(account)
    }
}

extension BotProfileText {
    /// `setMyName` / `setMyDescription` / `setMyShortDescription`: checks the language,
    /// then stores `value` (absent is empty).
    func runSetter(_ call: MethodCall, value: String?, languageCode: String?) async throws -> MethodResult {
        let language = try BotSettingsStorage.languageCode(languageCode)
        let bot = call.account
        try await call.engine.write { tx in
            try self.set(value ?? "", language: language, bot: bot, in: tx)
        }
        return .true
    }

    /// The getters: the text users of `languageCode` see.
    func runGetter(_ call: MethodCall, languageCode: String?) async throws -> String {
        let language = try BotSettingsStorage.languageCode(languageCode)
        let botID = call.account.id
        return try await call.engine.store.read { store in
            // The account is read again: the cached caller may predate a rename.
            guard let bot = try store.account(id: botID) else { throw APIError.unauthorized }
            return try self.value(for: bot, language: language, in: store)
        }
    }
}
