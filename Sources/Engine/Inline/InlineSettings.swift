import Storage

/// A bot's inline-mode settings besides `supports_inline_queries` (which its account
/// holds): whether it gets `chosen_inline_result` updates (`inline_feedback`, set with
/// @BotFather's /setinlinefeedback on Telegram) and the placeholder users see in the
/// input field while typing its username (/setinline). Kept in the bot-settings keys.
enum InlineSettings {
    static func feedback(of botID: Int64, in store: any StoreReader) throws -> Bool {
        try BotSettingsStorage.value(BotSettingsStorage.key(bot: botID, "inline_feedback"), in: store) == "1"
    }

    static func placeholder(of botID: Int64, in store: any StoreReader) throws -> String? {
        try BotSettingsStorage.value(BotSettingsStorage.key(bot: botID, "inline_placeholder"), in: store)
    }

    /// Changes what is given; nil leaves a setting as it is, an empty placeholder clears it.
    static func set(feedback: Bool?, placeholder: String?, of botID: Int64, in store: any StoreWriter) throws {
        if let feedback {
            try BotSettingsStorage.set(BotSettingsStorage.key(bot: botID, "inline_feedback"), feedback ? "1" : nil, in: store)
        }
        if let placeholder {
            try BotSettingsStorage.set(BotSettingsStorage.key(bot: botID, "inline_placeholder"), placeholder, in: store)
        }
    }

    /// Placeholders are short hints, at most this many characters (@BotFather's limit).
    static let maxPlaceholderLength = 64
}
