import BotAPI
import Storage

/// Which of a bot's command lists a person sees in a chat's command menu: Telegram's
/// client-side order ("Determining list of commands" in the Bot API docs). The first list
/// that is set wins; each scope is tried with the person's language, then without.
///
/// `getMyCommands` never falls back (it answers for exactly one scope and language); only
/// clients, here the user surface's `getBotCommands`, resolve.
enum CommandMenu {
    /// Where the menu is shown, as the resolver needs it.
    struct Context: Equatable {
        enum Kind { case privateChat, group, channel }

        let kind: Kind
        /// The chat id the bot sees: the user's id for a private chat, the group's id otherwise.
        let chatID: Int64
        /// The person looking at the menu.
        let userID: Int64
        /// Whether that person administers the chat (groups only).
        let isAdministrator: Bool
    }

    /// The scopes to try, most specific first.
    static func scopes(for context: Context) -> [ResolvedCommandScope] {
        switch context.kind {
        case .privateChat:
            return [.chat(context.chatID), .allPrivateChats, .default]
        case .channel:
            // Channels have no command menu.
            return []
        case .group:
            var scopes: [ResolvedCommandScope] = [.chatMember(chat: context.chatID, user: context.userID)]
            if context.isAdministrator { scopes.append(.chatAdministrators(context.chatID)) }
            scopes.append(.chat(context.chatID))
            if context.isAdministrator { scopes.append(.allChatAdministrators) }
            scopes += [.allGroupChats, .default]
            return scopes
        }
    }

    /// The commands `context`'s user sees for `bot`, given the user's `language` (a valid
    /// two-letter code, or empty).
    static func commands(of bot: Int64, for context: Context, language: String, in store: any StoreReader) throws -> [BotCommand] {
        let languages = language.isEmpty ? [""] : [language, ""]
        for scope in scopes(for: context) {
            for language in languages {
                if let commands = try BotCommandList.load(bot: bot, scope: scope, language: language, in: store) {
                    return commands
                }
            }
        }
        return []
    }

    /// The language a client would ask for: the account's `language_code` cut to its
    /// primary subtag ("en-US" → "en"), or none when that is not two lowercase letters.
    static func language(of account: AccountRecord) -> String {
        let primary = (account.languageCode ?? "").split(separator: "-").first.map { $0.lowercased() } ?? ""
        return (try? BotSettingsStorage.languageCode(primary)) ?? ""
    }

    /// The menu context of `user` in the group, supergroup or channel `chatID` (a negative
    /// id), or nil unless both the user and `bot` are in it at `now`.
    static func groupContext(chatID: Int64, user: AccountRecord, bot: AccountRecord, now: Int64, in store: any StoreReader) throws -> Context? {
        guard let group = try Groups.resolve(.id(Int(chatID)), viewer: bot, in: store),
              let member = try Groups.membership(of: user.id, in: group, now: now, in: store), member.isPresent,
              try Groups.membership(of: bot.id, in: group, now: now, in: store)?.isPresent == true
        else { return nil }
        return Context(
            kind: group.isChannel ? .channel : .group, chatID: group.clientID, userID: user.id, isAdministrator: member.isAdministrator)
    }
}
