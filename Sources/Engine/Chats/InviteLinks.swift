import BotAPI
import Foundation
import Storage

/// A chat's invite links and pending join requests, kept in ``GroupDetails/invites``.
struct InviteState: StoredJSON {
    var links: [StoredInviteLink] = []
    var requests: [JoinRequest] = []
}

/// One invite link. The hash names its chat (see ``InviteLinks/makeHash(chatID:)``), so
/// a link is found without an index over all chats.
struct StoredInviteLink: StoredJSON {
    var hash: String
    var creatorID: Int64
    var isPrimary: Bool
    var isRevoked = false
    var name: String?
    var expireDate: Int?
    var memberLimit: Int?
    var createsJoinRequest = false
    /// Accounts that joined through the link: `member_limit` counts those still present.
    var joinedIDs: [Int64] = []
    /// A Stars subscription link (``ChatSubscriptions``): what joining costs, every period.
    var subscriptionPeriod: Int?
    var subscriptionPrice: Int?
}

/// A user waiting for an administrator to approve their joining.
struct JoinRequest: StoredJSON {
    var userID: Int64
    var date: Int64
    var linkHash: String?
}

/// Invite links (`https://t.me/+<hash>`) and join requests.
enum InviteLinks {
    static let prefix = "https://t.me/+"

    /// A new 16-character hash: a digit giving the length of the chat id in base 36, the id,
    /// then random characters from the base64url alphabet, like Telegram's hashes.
    static func makeHash(chatID: Int64) -> String {
        let id = String(chatID, radix: 36)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
        let random = String((0 ..< max(16 - 1 - id.count, 8)).map { _ in alphabet.randomElement()! })
        return "\(id.count)\(id)\(random)"
    }

    /// The hash inside an invite link as clients pass it: `https://t.me/+H`,
    /// `t.me/joinchat/H`, `telegram.me/+H` or the bare hash.
    static func hash(in link: String) -> String? {
        var text = link.trimmingCharacters(in: .whitespaces)
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text.removeFirst(scheme.count) }
        for host in ["t.me/", "telegram.me/", "telegram.dog/"] where text.lowercased().hasPrefix(host) {
            text.removeFirst(host.count)
            if text.hasPrefix("+") { text.removeFirst() } else if text.hasPrefix("joinchat/") { text.removeFirst(9) } else { return nil }
        }
        if text.hasPrefix("+") { text.removeFirst() }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
        return text
    }

    /// The internal id of the chat a hash was made for.
    static func chatID(inHash hash: String) -> Int64? {
        guard let first = hash.first, let length = Int(String(first)), length > 0, hash.count > length else { return nil }
        return Int64(String(hash.dropFirst().prefix(length)), radix: 36)
    }

    /// The group and stored link `link` names, if it exists.
    static func find(_ link: String, in tx: any StoreReader) throws -> (Group, StoredInviteLink)? {
        guard let hash = hash(in: link), let chatID = chatID(inHash: hash),
              let group = try Groups.load(internalID: chatID, in: tx),
              let stored = group.details.invites?.links.first(where: { $0.hash == hash })
        else { return nil }
        return (group, stored)
    }

    /// Whether a link still admits people: not revoked, not expired, under its limit.
    static func isUsable(_ link: StoredInviteLink, in group: Group, now: Int64, in tx: any StoreReader) throws -> Bool {
        if link.isRevoked { return false }
        if let expire = link.expireDate, expire > 0, Int64(expire) <= now { return false }
        if let limit = link.memberLimit, limit > 0 {
            let present = try link.joinedIDs.filter { try Groups.membership(of: $0, in: group, now: now, in: tx)?.isPresent == true }
            if present.count >= limit { return false }
        }
        return true
    }

    /// The link as the Bot API's `ChatInviteLink`.
    static func view(_ link: StoredInviteLink, in group: Group, in tx: any StoreReader) throws -> ChatInviteLink {
        let creator = try tx.account(id: link.creatorID)
        var view = ChatInviteLink(
            inviteLink: prefix + link.hash, creator: creator.map(Views.user) ?? User(id: Int(link.creatorID), isBot: false, firstName: "Deleted Account"),
            createsJoinRequest: link.createsJoinRequest, isPrimary: link.isPrimary, isRevoked: link.isRevoked)
        view.name = link.name
        view.expireDate = link.expireDate
        view.memberLimit = link.memberLimit
        view.subscriptionPeriod = link.subscriptionPeriod
        view.subscriptionPrice = link.subscriptionPrice
        if link.createsJoinRequest {
            let pending = group.details.invites?.requests.filter { $0.linkHash == link.hash }.count ?? 0
            if pending > 0 { view.pendingJoinRequestCount = pending }
        }
        return view
    }

    /// Refuses callers who may not manage invite links (TDLib's
    /// `can_manage_dialog_invite_links`): the creator, or an administrator with
    /// `can_invite_users`.
    static func requireManager(_ caller: AccountRecord, in group: Group, now: Int64, in tx: any StoreReader) throws {
        try ChatAccess.present(caller, in: group, now: now, in: tx)
            .require(.manageInviteLinks, otherwise: "not enough rights to manage chat invite link")
    }

    /// The group a link method acts on, with the caller's right to manage links checked.
    static func managedGroup(_ chatID: ChatID, caller: AccountRecord, now: Int64, in tx: any StoreReader) throws -> Group {
        let group = try ChatLookup.group(chatID, caller: caller, now: now, privateError: "can't invite members to a private chat", in: tx)
        try requireManager(caller, in: group, now: now, in: tx)
        return group
    }

    /// The stored link `link` names in `group`, for editing or revoking: only its creator
    /// (or the chat's creator) may change it.
    static func editable(_ link: String, in group: Group, by caller: AccountRecord, now: Int64, in tx: any StoreReader) throws -> Int {
        guard !link.isEmpty else { throw APIError.badRequest("invite link must be non-empty") }
        guard let hash = hash(in: link), let index = group.details.invites?.links.firstIndex(where: { $0.hash == hash }) else {
            throw APIError.badRequest("INVITE_HASH_EXPIRED")
        }
        let stored = group.details.invites!.links[index]
        let member = try Groups.membership(of: caller.id, in: group, now: now, in: tx)
        if stored.creatorID != caller.id && member?.status != .creator { throw APIError.badRequest("CHAT_ADMIN_REQUIRED") }
        return index
    }

    /// Edits or revokes the link `link` names in the chat: checks the caller, lets `change`
    /// alter the link (and the group), saves both and returns the link's view.
    static func modify(
        _ link: String?, chatID: ChatID, caller: AccountRecord, tx: Transaction,
        _ change: (inout StoredInviteLink, inout Group) throws -> Void
    ) throws -> ChatInviteLink {
        var group = try managedGroup(chatID, caller: caller, now: tx.now, in: tx.store)
        let index = try editable(link ?? "", in: group, by: caller, now: tx.now, in: tx.store)
        var stored = group.details.invites!.links[index]
        try change(&stored, &group)
        group.details.invites!.links[index] = stored
        try Groups.save(group, in: tx.store)
        return try view(stored, in: group, in: tx.store)
    }

    /// The fields of a link to create or edit, read as the official server reads them: a
    /// missing value is the default, the name is cleaned to 32 characters, an
    /// `expire_date` in the past and a `member_limit` above 99999 are refused.
    static func fields(
        name: String?, expireDate: Int?, memberLimit: Int?, createsJoinRequest: Bool?, now: Int64
    ) throws -> (name: String?, expireDate: Int?, memberLimit: Int?, createsJoinRequest: Bool) {
        let joinRequest = createsJoinRequest ?? false
        let limit = max(0, memberLimit ?? 0)
        let expire = max(0, expireDate ?? 0)
        if joinRequest && limit > 0 {
            throw APIError.badRequest("member limit can't be specified for links requiring administrator approval")
        }
        if expire > 0 && Int64(expire) <= now { throw APIError.badRequest("EXPIRE_DATE_INVALID") }
        if limit > 99999 { throw APIError.badRequest("USAGE_LIMIT_INVALID") }
        let cleaned = ChatSettings.cleanName(name ?? "", limit: 32)
        return (cleaned.isEmpty ? nil : cleaned, expire > 0 ? expire : nil, limit > 0 ? limit : nil, joinRequest)
    }

    /// `caller`'s primary link as getChat shows it: only to those who may manage links.
    static func primary(of caller: AccountRecord, in group: Group, now: Int64, in tx: any StoreReader) throws -> String? {
        guard (try? requireManager(caller, in: group, now: now, in: tx)) != nil else { return nil }
        return group.details.invites?.links.last { $0.isPrimary && !$0.isRevoked && $0.creatorID == caller.id }.map { prefix + $0.hash }
    }

    /// Adds or replaces `caller`'s primary link (exportChatInviteLink), revoking the old one.
    static func newPrimary(for caller: AccountRecord, in group: inout Group) -> StoredInviteLink {
        var state = group.details.invites ?? InviteState()
        for index in state.links.indices where state.links[index].isPrimary && state.links[index].creatorID == caller.id {
            state.links[index].isPrimary = false
            state.links[index].isRevoked = true
        }
        let link = StoredInviteLink(hash: makeHash(chatID: group.chat.id), creatorID: caller.id, isPrimary: true)
        state.links.append(link)
        group.details.invites = state
        return link
    }

    // MARK: Joining

    /// `user` uses `link`: joins at once and gets the chat, or files a join request that
    /// administrator bots with `can_invite_users` hear about as `chat_join_request` and gets
    /// nil (the caller answers "INVITE_REQUEST_SENT" once the request is committed). With
    /// `ask`, a new request is also put to a bot that takes join-request queries, if the chat
    /// has one (``JoinRequestQueries``): `asked` says which. Refusals use Telegram's codes.
    static func join(
        _ user: AccountRecord, through link: String, ask: JoinRequestQueries.Ask? = nil, tx: Transaction
    ) throws -> (chat: Chat?, asked: JoinRequestQueries.Asked?) {
        guard let found = try find(link, in: tx.store) else { throw APIError.badRequest("INVITE_HASH_INVALID") }
        var (group, stored) = found
        if let successor = group.details.migratedToChatID {
            var error = APIError.badRequest("group chat was upgraded to a supergroup chat")
            error.migrateToChatID = successor
            throw error
        }
        guard try isUsable(stored, in: group, now: tx.now, in: tx.store) else { throw APIError.badRequest("INVITE_HASH_EXPIRED") }
        let existing = try Groups.membership(of: user.id, in: group, now: tx.now, in: tx.store)
        if existing?.isPresent == true { throw APIError.badRequest("USER_ALREADY_PARTICIPANT") }
        if existing?.status == .kicked { throw APIError.badRequest("USER_BANNED_IN_CHANNEL") }
        let view = try self.view(stored, in: group, in: tx.store)

        if stored.createsJoinRequest {
            var state = group.details.invites ?? InviteState()
            if !state.requests.contains(where: { $0.userID == user.id }) {
                state.requests.append(JoinRequest(userID: user.id, date: tx.now, linkHash: stored.hash))
                group.details.invites = state
                try Groups.save(group, in: tx.store)
                let asked = try ask.flatMap { try JoinRequestQueries.open($0, for: user, in: group, tx: tx) }
                try announceRequest(from: user, through: view, in: group, query: asked, tx: tx)
                return (nil, asked)
            }
            return (nil, nil)
        }
        if stored.subscriptionPrice != nil { try ChatSubscriptions.subscribe(user, through: stored, in: group, tx: tx) }
        stored.joinedIDs.append(user.id)
        if let index = group.details.invites?.links.firstIndex(where: { $0.hash == stored.hash }) {
            group.details.invites?.links[index] = stored
        }
        try Groups.save(group, in: tx.store)
        try admit(user, to: &group, by: user, link: view, viaJoinRequest: false, tx: tx)
        return (Groups.view(group), nil)
    }

    /// Adds `user` as a member, with the link in `chat_member`/`my_chat_member`, and posts
    /// `new_chat_members` as the user's own message (they joined; nobody added them).
    static func admit(
        _ user: AccountRecord, to group: inout Group, by actor: AccountRecord, link: ChatInviteLink?, viaJoinRequest: Bool, tx: Transaction
    ) throws {
        let record = Groups.record(.member, of: user, in: group, now: tx.now)
        try Groups.changeMembership(of: user, in: group, to: record, by: actor, in: tx) { updated in
            updated.inviteLink = link
            if viaJoinRequest { updated.viaJoinRequest = true }
        }
        if !group.isChannel {
            try GroupChats.postService(from: user, in: &group, tx: tx) { message in message.newChatMembers = [Views.user(user)] }
        }
    }

    /// Queues `chat_join_request` for the chat's administrators that may approve it: bots,
    /// and people (whose apps list pending requests, as Telegram's do).
    /// The bot a join-request query was put to (`query`) sees its `query_id`.
    static func announceRequest(
        from user: AccountRecord, through link: ChatInviteLink?, in group: Group, query: JoinRequestQueries.Asked? = nil, tx: Transaction
    ) throws {
        let request = joinRequest(from: user, date: tx.now, link: link, in: group)
        let delivery = UpdateDelivery.chatJoinRequest(chat: group.clientID, request.jsonBytes)
        for admin in try Groups.presentMembers(of: group, now: tx.now, in: tx.store) where admin.isAdministrator {
            guard let account = try tx.store.account(id: admin.accountID), !account.isDeleted, account.id != user.id,
                  ChatAccess(account: account, member: admin, group: group).may(.manageInviteLinks)
            else { continue }
            if let query, query.botID == account.id {
                var asked = request
                asked.queryId = query.queryID
                try tx.enqueue(.chatJoinRequest(chat: group.clientID, asked.jsonBytes), for: account.id)
            } else {
                try tx.enqueue(delivery, for: account.id, toPerson: !account.isBot)
            }
            if account.isBot { try Visibility.received(user, by: account, in: tx.store) }
        }
    }

    /// A pending request as the `chat_join_request` update shows it, with the link it came
    /// through (if that link still exists).
    static func joinRequest(from user: AccountRecord, date: Int64, linkHash: String?, in group: Group, in tx: any StoreReader) throws -> ChatJoinRequest {
        let link = try group.details.invites?.links.first { $0.hash == linkHash }.map { try view($0, in: group, in: tx) }
        return joinRequest(from: user, date: date, link: link, in: group)
    }

    private static func joinRequest(from user: AccountRecord, date: Int64, link: ChatInviteLink?, in group: Group) -> ChatJoinRequest {
        ChatJoinRequest(chat: Groups.view(group), from: Views.user(user), userChatId: Int(user.id), date: Int(date), inviteLink: link)
    }
}
