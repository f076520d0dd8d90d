import Foundation

/// What a group, supergroup or channel has beyond its ``ChatRecord``: the title, the public
/// username and the engine's own JSON for everything else (description, default
/// permissions, invite links, pins, migration), so new settings need no migration.
public struct GroupRecord: Sendable, Equatable, Codable {
    /// The ``ChatRecord/id`` this belongs to.
    public var chatID: Int64
    public var title: String
    /// Public chats have one; unique across accounts and chats, compared case-insensitively.
    public var username: String?
    public var isForum: Bool
    /// Engine-defined JSON.
    public var details: Data

    public init(chatID: Int64, title: String, username: String? = nil, isForum: Bool = false, details: Data = Data("{}".utf8)) {
        self.chatID = chatID
        self.title = title
        self.username = username
        self.isForum = isForum
        self.details = details
    }
}

/// One account's membership in a group, supergroup or channel. Accounts that left or were
/// banned keep their row, because their status is part of what bots can ask about.
public struct MemberRecord: Sendable, Equatable, Codable {
    public var chatID: Int64
    public var accountID: Int64
    public var status: MemberStatus
    /// Engine-defined JSON: rights, restrictions, `until_date`, custom title.
    public var details: Data
    /// When the account (last) joined, Unix time.
    public var joinedAt: Int64

    public init(chatID: Int64, accountID: Int64, status: MemberStatus, details: Data = Data("{}".utf8), joinedAt: Int64) {
        self.chatID = chatID
        self.accountID = accountID
        self.status = status
        self.details = details
        self.joinedAt = joinedAt
    }
}
