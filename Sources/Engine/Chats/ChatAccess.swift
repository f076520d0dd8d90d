import BotAPI
import Storage

/// What an account present in a group or channel may do there: the one place that turns a
/// membership (its status, its administrator rights, its restrictions, the chat's default
/// permissions) into yes or no.
///
/// A call acting in a chat refuses with the first rule it breaks, in Telegram's order:
/// 1. the chat must exist for the caller: 400 "chat not found" (``ChatLookup``, ``Groups/resolve(_:viewer:in:)``);
/// 2. the caller must be present: 403 "bot is not a member of the … chat" or "bot was
///    kicked from the … chat" (``present(_:in:now:in:)``);
/// 3. the caller must hold what the action needs: 400 with the method's own text
///    (``require(_:otherwise:)``), or, to post, ``GroupChats/requireRightToSend(_:member:in:)``.
///
/// ```swift
/// let access = try ChatAccess.present(caller, in: group, now: tx.now, in: tx.store)
/// try access.require(.changeInfo, otherwise: "not enough rights to change chat title")
/// ```
struct ChatAccess {
    let account: AccountRecord
    let member: MemberRecord
    let group: Group

    /// What an action in the chat needs.
    enum Action {
        /// Title, photo, description, sticker set (TDLib's `can_change_info_and_settings`).
        /// Default permissions never extend to bots: a bot must be an administrator.
        case changeInfo
        /// Pin and unpin: `can_pin_messages`, in channels `can_edit_messages`.
        case pinMessages
        /// Add members: administrators with `can_invite_users`; in basic groups anyone the
        /// chat's permissions let invite.
        case inviteUsers
        /// Create, edit and revoke invite links, see who asked to join (TDLib's
        /// `can_manage_dialog_invite_links`): administrators with `can_invite_users` only.
        case manageInviteLinks
        /// Create, edit, close and reopen any forum topic: `can_manage_topics`; members by
        /// the chat's permissions; never a bot that isn't an administrator.
        case manageTopics
        /// Delete others' messages and whole topics: `can_delete_messages`.
        case deleteMessages
        /// Ban, restrict and let back in: `can_restrict_members`.
        case restrictMembers
    }

    /// The access of `account`, which must be present in `group` (step 2 above).
    static func present(_ account: AccountRecord, in group: Group, now: Int64, in tx: any StoreReader) throws -> ChatAccess {
        ChatAccess(account: account, member: try Groups.requirePresence(of: account, in: group, now: now, in: tx), group: group)
    }

    /// Whether the account may do `action`.
    func may(_ action: Action) -> Bool {
        switch member.status {
        case .creator:
            return true
        case .administrator:
            let rights = Rights.of(member)
            switch action {
            case .changeInfo: return rights.canChangeInfo
            case .pinMessages: return (group.isChannel ? rights.canEditMessages : rights.canPinMessages) ?? false
            case .inviteUsers, .manageInviteLinks: return rights.canInviteUsers
            case .manageTopics: return rights.canManageTopics ?? false
            case .deleteMessages: return rights.canDeleteMessages
            case .restrictMembers: return rights.canRestrictMembers
            }
        default:
            let permissions = ChatSettings.permissions(of: member, in: group)
            switch action {
            case .changeInfo: return !account.isBot && !group.isChannel && (permissions.canChangeInfo ?? false)
            case .pinMessages: return !group.isChannel && (permissions.canPinMessages ?? false)
            case .inviteUsers: return !group.isChannel && group.kind == .group && (permissions.canInviteUsers ?? false)
            case .manageTopics: return !account.isBot && (permissions.canManageTopics ?? false)
            case .manageInviteLinks, .deleteMessages, .restrictMembers: return false
            }
        }
    }

    /// Refuses, with 400 `Bad Request: <description>`, unless the account may do `action`.
    func require(_ action: Action, otherwise description: String) throws {
        guard may(action) else { throw APIError.badRequest(description) }
    }
}
