/// The kind of a ``ChatRecord``, stored as its raw value (the Bot API's `Chat.type`), so
/// the column keeps the text it always held.
public enum ChatKind: String, Sendable, Codable, CaseIterable {
    /// Two accounts, stored once for both (``ChatRecord/lowAccountID``/``ChatRecord/highAccountID``).
    case `private`
    /// A basic group: client id `-id`.
    case group
    /// A supergroup: client id `-100…`, like a channel.
    case supergroup
    /// A broadcast channel: only administrators post.
    case channel

    /// A group, supergroup or channel: the chat has a ``GroupRecord`` and members.
    public var isGroupLike: Bool { self != .private }
}

/// An account's status in a group, supergroup or channel: the Bot API's `ChatMember.status`,
/// stored as its raw value so the column keeps the text it always held.
///
/// Whether a restricted account is in the chat depends on its details (`is_member`), so
/// presence is the engine's question, not the status's.
public enum MemberStatus: String, Sendable, Codable, CaseIterable {
    /// The owner.
    case creator
    case administrator
    case member
    /// A member (or a former member) with restrictions until a date.
    case restricted
    case left
    /// Banned: may not come back until unbanned or until the ban's date.
    case kicked

    /// The owner or an administrator: the statuses that hold rights.
    public var isAdministrator: Bool { self == .creator || self == .administrator }
}

/// A closed vocabulary stored as text: stores write ``RawRepresentable/rawValue`` and read
/// it back with ``init(stored:)``.
public protocol StoredText: RawRepresentable, Sendable where RawValue == String {}

extension StoredText {
    /// The case `text` names. Text no case names means the database was written by
    /// something else, which is refused rather than guessed at.
    public init(stored text: String) throws {
        guard let value = Self(rawValue: text) else { throw UnknownStoredText(type: "\(Self.self)", text: text) }
        self = value
    }
}

/// Stored text that names no case of its vocabulary.
public struct UnknownStoredText: Error, CustomStringConvertible {
    public var type: String
    public var text: String
    public var description: String { "unknown \(type) \"\(text)\" in the database" }
}

extension ChatKind: StoredText {}
extension MemberStatus: StoredText {}
