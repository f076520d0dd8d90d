import BotAPI
import Foundation
import Storage

/// A group, supergroup or channel with its attributes, as loaded in one transaction.
struct Group {
    var chat: ChatRecord
    var record: GroupRecord
    var details: GroupDetails

    /// A group, supergroup or channel, never private.
    var kind: ChatKind { chat.kind }
    var isChannel: Bool { chat.kind == .channel }
    /// The id clients use: negative for basic groups, `-100…` for supergroups and channels.
    var clientID: Int64 { Groups.clientID(internalID: chat.id, kind: chat.kind) }
}

/// Finding, creating and describing groups, supergroups and channels.
///
/// Client ids follow Telegram's conventions and are derived from the internal chat id, so
/// no lookup table is needed: a basic group is `-id`, a supergroup or channel
/// `-(10^12 + id)`, which prints as `-100…` for any id below 10^10.
enum Groups {
    static let supergroupOffset: Int64 = 1_000_000_000_000

    static func clientID(internalID: Int64, kind: ChatKind) -> Int64 {
        kind == .group ? -internalID : -(supergroupOffset + internalID)
    }

    /// The group a client id names, or nil for ids that aren't groups or don't exist.
    static func load(clientID: Int64, in tx: any StoreReader) throws -> Group? {
        // Int64.min has no positive counterpart: negating it would trap, and it names no group.
        guard clientID < 0, clientID != .min else { return nil }
        let isSuper = clientID <= -supergroupOffset
        let internalID = isSuper ? -clientID - supergroupOffset : -clientID
        guard internalID > 0, let chat = try tx.chat(id: internalID), chat.kind.isGroupLike,
              (chat.kind == .group) != isSuper, let record = try tx.group(chatID: chat.id)
        else { return nil }
        return Group(chat: chat, record: record, details: record.decodedDetails)
    }

    static func load(internalID: Int64, in tx: any StoreReader) throws -> Group? {
        guard let chat = try tx.chat(id: internalID), chat.kind.isGroupLike, let record = try tx.group(chatID: chat.id) else {
            return nil
        }
        return Group(chat: chat, record: record, details: record.decodedDetails)
    }

    /// The group `chatID` names for `viewer`. Numeric ids find only chats the viewer may see
    /// (``Visibility``: for a bot, chats it is or was in); usernames resolve public
    /// supergroups and channels only; a basic group that was upgraded answers with its
    /// successor's id, as on Telegram.
    static func resolve(_ chatID: ChatID, viewer: AccountRecord, in tx: any StoreReader) throws -> Group? {
        let group: Group?
        switch chatID {
        case .id(let id):
            guard id < 0 else { return nil }
            group = try load(clientID: Int64(id), in: tx)
            guard let found = group, try Visibility.sees(found, viewer: viewer, in: tx) else { throw APIError.badRequest("chat not found") }
        case .username(let name):
            guard let record = try tx.group(username: name) else { return nil }
            group = try load(internalID: record.chatID, in: tx)
        }
        if let group, let successor = group.details.migratedToChatID {
            var error = APIError.badRequest("group chat was upgraded to a supergroup chat")
            error.migrateToChatID = successor
            throw error
        }
        return group
    }

    /// Saves a changed title, username or details.
    static func save(_ group: Group, in tx: any StoreWriter) throws {
        var record = group.record
        record.details = Data(group.details.jsonBytes)
        try tx.save(record)
        try tx.update(group.chat)
    }

    /// The chat as it appears inside messages and updates.
    static func view(_ group: Group) -> Chat {
        var chat = Chat(
            id: Int(group.clientID), type: group.kind.rawValue, title: group.record.title, username: group.record.username,
            isForum: group.record.isForum ? true : nil)
        if group.details.directMessages?.isDirectMessagesChat == true { chat.isDirectMessages = true }
        return chat
    }

    // MARK: Members

    /// `account`'s membership, with an expired restriction or ban already lifted.
    static func membership(of accountID: Int64, in group: Group, now: Int64, in tx: any StoreReader) throws -> MemberRecord? {
        try tx.member(chatID: group.chat.id, accountID: accountID).map { lifted($0, now: now) }
    }

    /// `member` as it stands at `now`: a restriction or ban whose `until_date` passed is lifted.
    static func lifted(_ member: MemberRecord, now: Int64) -> MemberRecord {
        guard member.status == .kicked || member.status == .restricted else { return member }
        let details = member.decodedDetails
        guard let until = details.untilDate, until > 0, Int64(until) <= now else { return member }
        var member = member
        member.status = member.status == .kicked ? .left : ((details.isMember ?? true) ? .member : .left)
        member.details = Data("{}".utf8)
        return member
    }

    /// Refuses an account that may not act in the chat at all, with the official texts.
    @discardableResult
    static func requirePresence(of account: AccountRecord, in group: Group, now: Int64, in tx: any StoreReader) throws -> MemberRecord {
        let member = try membership(of: account.id, in: group, now: now, in: tx)
        if let member, member.isPresent { return member }
        let chatNoun = group.kind == .group ? "group chat" : "\(group.kind.rawValue) chat"
        if member?.status == .kicked { throw APIError.forbidden("bot was kicked from the \(chatNoun)") }
        throw APIError.forbidden("bot is not a member of the \(chatNoun)")
    }

    /// Present members, in joining order.
    static func presentMembers(of group: Group, now: Int64, in tx: any StoreReader) throws -> [MemberRecord] {
        // One read for all: the rows already hold what `membership(of:)` would read again.
        try tx.members(chatID: group.chat.id).lazy.map { lifted($0, now: now) }.filter(\.isPresent)
    }

    /// A membership as the Bot API's `ChatMember`.
    static func chatMember(_ member: MemberRecord?, account: AccountRecord, viewer: AccountRecord?, group: Group) -> ChatMember {
        let user = Views.user(account)
        guard let member else { return .left(ChatMemberLeft(user: user)) }
        let details = member.decodedDetails
        switch member.status {
        case .creator:
            return .owner(ChatMemberOwner(user: user, isAnonymous: details.rights?.isAnonymous ?? false, customTitle: details.customTitle))
        case .administrator:
            let rights = details.rights ?? Rights.none
            var admin = ChatMemberAdministrator(
                user: user, canBeEdited: viewer.map { details.promotedByID == $0.id } ?? false,
                isAnonymous: rights.isAnonymous, canManageChat: rights.canManageChat, canDeleteMessages: rights.canDeleteMessages,
                canManageVideoChats: rights.canManageVideoChats, canRestrictMembers: rights.canRestrictMembers,
                canPromoteMembers: rights.canPromoteMembers, canChangeInfo: rights.canChangeInfo,
                canInviteUsers: rights.canInviteUsers, canPostStories: rights.canPostStories,
                canEditStories: rights.canEditStories, canDeleteStories: rights.canDeleteStories,
                canSendWelcomeMessages: rights.canSendWelcomeMessages)
            admin.customTitle = details.customTitle
            if group.isChannel {
                admin.canPostMessages = rights.canPostMessages ?? false
                admin.canEditMessages = rights.canEditMessages ?? false
                admin.canManageDirectMessages = rights.canManageDirectMessages ?? false
            } else {
                admin.canPinMessages = rights.canPinMessages ?? false
                if group.record.isForum { admin.canManageTopics = rights.canManageTopics ?? false }
            }
            return .administrator(admin)
        case .restricted:
            let p = details.permissions ?? ChatPermissions()
            var restricted = ChatMemberRestricted(
                user: user, isMember: details.isMember ?? true, canSendMessages: p.canSendMessages ?? false,
                canSendAudios: p.canSendAudios ?? false, canSendDocuments: p.canSendDocuments ?? false,
                canSendPhotos: p.canSendPhotos ?? false, canSendVideos: p.canSendVideos ?? false,
                canSendVideoNotes: p.canSendVideoNotes ?? false, canSendVoiceNotes: p.canSendVoiceNotes ?? false,
                canSendPolls: p.canSendPolls ?? false, canSendOtherMessages: p.canSendOtherMessages ?? false,
                canAddWebPagePreviews: p.canAddWebPagePreviews ?? false, canReactToMessages: p.canReactToMessages ?? false,
                canEditTag: p.canEditTag ?? false, canChangeInfo: p.canChangeInfo ?? false,
                canInviteUsers: p.canInviteUsers ?? false, canPinMessages: p.canPinMessages ?? false,
                canManageTopics: p.canManageTopics ?? false, untilDate: details.untilDate ?? 0)
            // A member's tag is the rank an administrator's custom title is (setChatMemberTag).
            restricted.tag = details.customTitle
            return .restricted(restricted)
        case .kicked:
            return .banned(ChatMemberBanned(user: user, untilDate: details.untilDate ?? 0))
        case .member:
            var member = ChatMemberMember(user: user, untilDate: nil)
            member.tag = details.customTitle
            return .member(member)
        default:
            return .left(ChatMemberLeft(user: user))
        }
    }

    /// Changes `account`'s membership and tells those who should know: the account itself
    /// with `my_chat_member` when it is a bot, and the chat's administrator bots with
    /// `chat_member` (delivered only to those that asked for it in `allowed_updates`).
    /// `decorate` adds what only the caller knows, such as the invite link used.
    static func changeMembership(
        of account: AccountRecord, in group: Group, to new: MemberRecord, by actor: AccountRecord, in tx: Transaction,
        decorate: (inout ChatMemberUpdated) -> Void = { _ in }
    ) throws {
        let old = try membership(of: account.id, in: group, now: tx.now, in: tx.store)
        try tx.store.save(new)
        let chat = view(group)
        let date = Int(tx.now)
        func updated(for viewer: AccountRecord?) -> ChatMemberUpdated {
            var update = ChatMemberUpdated(
                chat: chat, from: Views.user(actor), date: date,
                oldChatMember: chatMember(old, account: account, viewer: viewer, group: group),
                newChatMember: chatMember(new, account: account, viewer: viewer, group: group))
            decorate(&update)
            return update
        }
        if account.isBot {
            try tx.enqueue(.myChatMember(chat: group.clientID, updated(for: account).jsonBytes), for: account.id)
        }
        for admin in try presentMembers(of: group, now: tx.now, in: tx.store) where admin.isAdministrator && admin.accountID != account.id {
            guard let bot = try tx.store.account(id: admin.accountID), bot.isBot else { continue }
            try tx.enqueue(.chatMember(chat: group.clientID, updated(for: bot).jsonBytes), for: bot.id)
        }
    }

    /// A new membership record for `account`.
    static func record(_ status: MemberStatus, of account: AccountRecord, in group: Group, details: MemberDetails = MemberDetails(), now: Int64) -> MemberRecord {
        MemberRecord(chatID: group.chat.id, accountID: account.id, status: status, details: Data(details.jsonBytes), joinedAt: now)
    }
}

/// Administrator rights helpers.
enum Rights {
    static let none = ChatAdministratorRights(
        isAnonymous: false, canManageChat: false, canDeleteMessages: false, canManageVideoChats: false,
        canRestrictMembers: false, canPromoteMembers: false, canChangeInfo: false, canInviteUsers: false,
        canPostStories: false, canEditStories: false, canDeleteStories: false, canSendWelcomeMessages: false)

    /// What a chat's creator may do: everything.
    static let all: ChatAdministratorRights = {
        var rights = ChatAdministratorRights(
            isAnonymous: false, canManageChat: true, canDeleteMessages: true, canManageVideoChats: true,
            canRestrictMembers: true, canPromoteMembers: true, canChangeInfo: true, canInviteUsers: true,
            canPostStories: true, canEditStories: true, canDeleteStories: true, canSendWelcomeMessages: true)
        rights.canPostMessages = true
        rights.canEditMessages = true
        rights.canPinMessages = true
        rights.canManageTopics = true
        return rights
    }()

    /// The rights `member` holds: all for the creator, its own for an administrator, none
    /// otherwise.
    static func of(_ member: MemberRecord?) -> ChatAdministratorRights {
        switch member?.status {
        case .creator: all
        case .administrator: member?.decodedDetails.rights ?? none
        default: none
        }
    }
}
