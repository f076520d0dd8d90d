import BotAPI
import Storage

/// A `BotCommandScope` parameter as parsed, before the chat it names is checked.
struct CommandScope: Equatable {
    enum Kind: String {
        case `default` = "default"
        case allPrivateChats = "all_private_chats"
        case allGroupChats = "all_group_chats"
        case allChatAdministrators = "all_chat_administrators"
        case chat = "chat"
        case chatAdministrators = "chat_administrators"
        case chatMember = "chat_member"
    }

    var kind: Kind
    /// The scope's `chat_id` as given (an id or `@username`), for the chat scopes.
    var chatID: String?
    /// The scope's `user_id`, for `chat_member`.
    var userID: Int64?

    static let `default` = CommandScope(kind: .default)

    /// Parses the `scope` parameter in the official order and wording (behaviour.md §2.14);
    /// absent or empty is the default scope.
    static func parse(_ text: String?) throws -> CommandScope {
        guard let text else { return .default }
        guard let json = SettingsJSON.parse(text) else {
            throw APIError.badRequest("can't parse BotCommandScope JSON object")
        }
        do throws(SettingsJSON.FieldError) {
            return try parse(json)
        } catch {
            throw APIError.badRequest("can't parse BotCommandScope: \(error.message)")
        }
    }

    private static func parse(_ json: SettingsJSON) throws(SettingsJSON.FieldError) -> CommandScope {
        guard case .object(let object) = json else { throw .init("BotCommandScope must be an Object") }
        let type = try object.requiredString("type")
        guard let kind = Kind(rawValue: type) else { throw .init("Unsupported type specified") }
        switch kind {
        case .default, .allPrivateChats, .allGroupChats, .allChatAdministrators:
            return CommandScope(kind: kind)
        case .chat, .chatAdministrators, .chatMember:
            let chatID = try object.requiredString("chat_id")
            guard !chatID.isEmpty else { throw .init("Empty chat_id specified") }
            guard kind == .chatMember else { return CommandScope(kind: kind, chatID: chatID) }
            let userID = try object.requiredLong("user_id")
            guard userID > 0 else { throw .init("Invalid user_id specified") }
            return CommandScope(kind: kind, chatID: chatID, userID: userID)
        }
    }

    /// Checks the chat (and user) the scope names, as seen by `bot` at `now`, and returns the
    /// scope in the form settings are stored under.
    func resolve(for bot: AccountRecord, now: Int64, in store: any StoreReader) throws -> ResolvedCommandScope {
        switch kind {
        case .default: return .default
        case .allPrivateChats: return .allPrivateChats
        case .allGroupChats: return .allGroupChats
        case .allChatAdministrators: return .allChatAdministrators
        case .chat, .chatAdministrators, .chatMember:
            let chat = try ScopeChats.resolve(chatID ?? "", bot: bot, now: now, in: store)
            // The chat-type rules are TDLib's (BotCommandScope.cpp): per-chat scopes other
            // than `chat` make no sense in a private chat, and channels have no commands.
            switch chat.kind {
            case .privateChat where kind != .chat:
                throw APIError.badRequest("can't use specified scope for private chats")
            case .channel:
                throw APIError.badRequest("can't change commands in channel chats")
            default: break
            }
            switch kind {
            case .chat: return .chat(chat.id)
            case .chatAdministrators: return .chatAdministrators(chat.id)
            default:
                let userID = userID ?? 0
                guard let user = try Visibility.account(id: userID, viewer: bot, in: store), !user.isDeleted else {
                    throw APIError.badRequest("user not found")
                }
                return .chatMember(chat: chat.id, user: user.id)
            }
        }
    }
}

/// A scope whose chat has been checked: what commands are stored under.
enum ResolvedCommandScope: Hashable {
    case `default`, allPrivateChats, allGroupChats, allChatAdministrators
    case chat(Int64)
    case chatAdministrators(Int64)
    case chatMember(chat: Int64, user: Int64)

    /// The scope part of a storage key, e.g. `chat_member:-100123:42`.
    var key: String {
        switch self {
        case .default: "default"
        case .allPrivateChats: "all_private_chats"
        case .allGroupChats: "all_group_chats"
        case .allChatAdministrators: "all_chat_administrators"
        case .chat(let chat): "chat:\(chat)"
        case .chatAdministrators(let chat): "chat_administrators:\(chat)"
        case .chatMember(let chat, let user): "chat_member:\(chat):\(user)"
        }
    }
}

/// The chats a bot's settings may name by `chat_id`, with the kind of each.
///
/// A positive id names the private chat with that user, which must exist (the bot has met
/// the user); other ids and `@username`s name groups, supergroups and channels the bot is in.
enum ScopeChats {
    enum Kind { case privateChat, group, channel }

    /// A chat as the bot addresses it: `id` is the chat id the bot sees.
    struct Resolved: Equatable {
        let id: Int64
        let kind: Kind
    }

    /// The chat named by a `chat_id` text (an integer, leniently parsed, or `@username`),
    /// or 400 "chat not found".
    static func resolve(_ text: String, bot: AccountRecord, now: Int64, in store: any StoreReader) throws -> Resolved {
        if !text.hasPrefix("@") {
            let id = Int64(LenientParse.integer(text))
            if id > 0 {
                guard let user = try store.account(id: id), !user.isDeleted,
                      try store.privateChat(between: bot.id, and: id) != nil
                else { throw APIError.badRequest("chat not found") }
                return Resolved(id: id, kind: .privateChat)
            }
        }
        // Groups answer with the official refusals: unknown, upgraded, or the bot not a member.
        guard let chatID = ChatID(parsing: text),
              case .group(let group) = try ChatLookup.target(chatID, caller: bot, now: now, in: store)
        else { throw APIError.badRequest("chat not found") }
        return Resolved(id: group.clientID, kind: group.isChannel ? .channel : .group)
    }
}

/// The (scope, language) a commands method addresses: parsed when the call arrives, checked
/// inside its transaction, where the scope's chat can be looked up.
struct CommandListTarget {
    let bot: AccountRecord
    let scope: CommandScope
    let languageCode: String?
    let now: Int64

    /// Parses `scope`; the language is checked later, after the scope's chat, as TDLib does.
    init(_ call: MethodCall) throws {
        bot = call.account
        now = call.engine.clock.now()
        scope = try CommandScope.parse(call.parameters["scope"])
        languageCode = call.parameters["language_code"]
    }

    /// Checks the scope's chat, then the language.
    func resolve(in store: any StoreReader) throws -> (scope: ResolvedCommandScope, language: String) {
        let resolved = try scope.resolve(for: bot, now: now, in: store)
        return (resolved, try BotSettingsStorage.languageCode(languageCode))
    }
}
