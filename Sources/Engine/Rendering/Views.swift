import BotAPI
import Storage

/// How accounts and chats look to clients. Optional booleans are set only when true, as the
/// official server omits false ones.
enum Views {
    /// An account as a `User` inside messages and results.
    static func user(_ account: AccountRecord) -> User {
        User(
            id: Int(account.id), isBot: account.isBot, firstName: account.isDeleted ? "Deleted Account" : account.firstName,
            lastName: account.isDeleted ? nil : account.lastName, username: account.isDeleted ? nil : account.username,
            languageCode: account.isBot ? nil : account.languageCode, isPremium: account.isPremium ? true : nil)
    }

    /// getMe's answer: a bot's capability flags are always present, true or false.
    /// `canConnectToBusiness` is kept in the bot's settings (``BusinessConnections/canConnect(botID:in:)``).
    static func me(_ account: AccountRecord, canConnectToBusiness: Bool = false) -> User {
        var user = user(account)
        guard account.isBot else { return user }
        user.canJoinGroups = account.canJoinGroups
        user.canReadAllGroupMessages = account.canReadAllGroupMessages
        user.supportsInlineQueries = account.supportsInlineQueries
        user.canConnectToBusiness = canConnectToBusiness
        user.hasMainWebApp = false
        return user
    }

    /// The `from` of messages anonymous group administrators send: Telegram's own
    /// @GroupAnonymousBot, with its real id, so libraries that recognise it keep working.
    static let groupAnonymousBot = User(id: 1_087_968_824, isBot: true, firstName: "Group", username: "GroupAnonymousBot")

    /// The private chat with `other`, as its counterpart sees it: the chat id is the other
    /// party's user id.
    static func privateChat(with other: AccountRecord) -> Chat {
        Chat(
            id: Int(other.id), type: "private", username: other.isDeleted ? nil : other.username,
            firstName: other.isDeleted ? "Deleted Account" : other.firstName, lastName: other.isDeleted ? nil : other.lastName)
    }
}
