import BotAPI
import Foundation
import Storage

/// The rules the member-administration methods share: resolving the chat an administrator
/// acts in, who may change whose status and with which refusal, and reading
/// `ChatPermissions` and administrator rights the way the official server does.
///
/// Status changes in supergroups and channels follow TDLib's
/// `set_channel_participant_status`: a change that changes nothing succeeds without any
/// check, the owner can't be changed, and every other change is either a promotion
/// (becoming or ceasing to be an administrator, checked against `can_promote_members`) or a
/// restriction (restricting, banning, lifting either, checked against
/// `can_restrict_members`).
enum Moderation {
    /// A chat being administered, with the acting account's own membership.
    struct Chat {
        var group: Group
        let actor: AccountRecord
        let actorMember: MemberRecord

        var actorRights: ChatAdministratorRights { Rights.of(actorMember) }
        var actorIsCreator: Bool { actorMember.status == .creator }
    }

    // MARK: Resolving

    /// The group `chatID` names, which `actor` must be in. A private chat is refused with
    /// `privateError`, a chat of a kind not in `kinds` with `kindError`, after the caller's
    /// access is checked, as the official server does.
    static func chat(
        _ chatID: ChatID, actor: AccountRecord, kinds: Set<ChatKind>, privateError: String, kindError: String, tx: Transaction
    ) throws -> Chat {
        switch try Outbox.destination(chatID, from: actor, in: tx.store) {
        case .privateChat: throw APIError.badRequest(privateError)
        case .group(let group):
            let member = try Groups.requirePresence(of: actor, in: group, now: tx.now, in: tx.store)
            guard kinds.contains(group.kind) else { throw APIError.badRequest(kindError) }
            return Chat(group: group, actor: actor, actorMember: member)
        }
    }

    /// Runs an administration method on the account `userID` names in the chat `chatID`
    /// names, in one transaction: `user_id` is checked first, then the chat (as
    /// ``chat(_:actor:kinds:privateError:kindError:tx:)``), then the account.
    static func administer(
        _ call: MethodCall, chat chatID: ChatID, user userID: Int, kinds: Set<ChatKind>, privateError: String, kindError: String? = nil,
        _ body: @escaping @Sendable (inout Chat, AccountRecord, Transaction) throws -> Void
    ) async throws -> MethodResult {
        try requireUserID(userID)
        let actor = call.account
        try await call.engine.write { tx in
            var chat = try chat(chatID, actor: actor, kinds: kinds, privateError: privateError, kindError: kindError ?? privateError, tx: tx)
            try body(&chat, try member(userID, actor: actor, in: tx), tx)
        }
        return .true
    }

    /// Refuses a `user_id` that can't name anyone, before the chat is looked at.
    static func requireUserID(_ userID: Int) throws {
        guard userID > 0 else { throw APIError.badRequest("invalid user_id specified") }
    }

    /// The account a `user_id` names in an administration call, if `actor` may see it
    /// (``Visibility``); TDLib's "user not found" otherwise, whether or not it exists.
    static func member(_ userID: Int, actor: AccountRecord, in tx: Transaction) throws -> AccountRecord {
        guard let account = try Visibility.account(id: Int64(userID), viewer: actor, in: tx.store) else {
            throw APIError.badRequest("user not found")
        }
        return account
    }

    /// `until_date` as stored: 0 (forever) for dates less than 30 seconds or more than 366
    /// days away, as the Bot API documents.
    static func untilDate(_ value: Int?, now: Int64) -> Int {
        guard let value, value > 0 else { return 0 }
        let distance = Int64(value) - now
        return distance < 30 || distance > 366 * 86_400 ? 0 : value
    }

    // MARK: Status changes

    /// Moves `target` to `new` in a supergroup or channel on the chat's actor's behalf, with
    /// TDLib's checks and refusals in TDLib's order. A member who leaves the chat this way is
    /// shown leaving with a `left_chat_member` service message, as a kick is on Telegram.
    static func change(_ target: AccountRecord, to new: MemberRecord, in chat: inout Chat, tx: Transaction) throws {
        let old = try Groups.membership(of: target.id, in: chat.group, now: tx.now, in: tx.store)
        let oldStatus = old?.status ?? .left
        if oldStatus == new.status && (old?.details ?? Data("{}".utf8)) == new.details && oldStatus != .creator { return }
        if oldStatus == .creator { throw APIError.badRequest("can't remove chat owner") }

        let promotes: Bool
        if new.status == .administrator {
            promotes = true
        } else if !new.isPresent || new.status == .restricted {
            promotes = false
        } else {
            // A plain member: a demotion, or a lifted restriction or ban.
            promotes = oldStatus == .administrator
        }
        if promotes {
            try requireMayPromote(target, from: old, to: new, in: chat)
        } else {
            try requireMayRestrict(target, from: old, to: new, in: chat)
        }

        var record = new
        if let old, old.isPresent, record.isPresent { record.joinedAt = old.joinedAt }
        if old?.isPresent == true && !record.isPresent {
            try Membership.remove(target, from: &chat.group, by: chat.actor, status: record.status,
                                  untilDate: record.decodedDetails.untilDate, tx: tx)
        } else {
            try Groups.changeMembership(of: target, in: chat.group, to: record, by: chat.actor, in: tx)
        }
    }

    /// TDLib's `promote_channel_participant` and the server's checks behind it: only
    /// administrators with `can_promote_members` promote, never themselves, only members,
    /// only with rights they hold, and only administrators they promoted themselves.
    private static func requireMayPromote(_ target: AccountRecord, from old: MemberRecord?, to new: MemberRecord, in chat: Chat) throws {
        if target.id == chat.actor.id {
            if new.status == .administrator { throw APIError.badRequest("can't promote self") }
            return
        }
        guard chat.actorRights.canPromoteMembers else { throw APIError.badRequest("not enough rights") }
        if let old, old.status == .administrator, !chat.actorIsCreator, old.decodedDetails.promotedByID != chat.actor.id {
            throw APIError.badRequest("CHAT_ADMIN_REQUIRED")
        }
        guard new.status == .administrator else { return }
        if !(old?.isPresent ?? false) { throw APIError.badRequest("USER_NOT_PARTICIPANT") }
        if !chat.actorIsCreator {
            let granted = rightNames(of: new.decodedDetails.rights ?? Rights.none)
            guard granted.isSubset(of: rightNames(of: chat.actorRights)) else { throw APIError.badRequest("RIGHT_FORBIDDEN") }
        }
    }

    /// TDLib's `restrict_channel_participant` and the server's checks behind it: no one
    /// restricts themselves, restricting needs `can_restrict_members`, and administrators
    /// can only be restricted by the owner or by whoever promoted them.
    private static func requireMayRestrict(_ target: AccountRecord, from old: MemberRecord?, to new: MemberRecord, in chat: Chat) throws {
        if target.id == chat.actor.id {
            if new.status == .restricted || new.status == .kicked { throw APIError.badRequest("can't restrict self") }
            if new.isPresent { throw APIError.badRequest("can't unrestrict self") }
            return  // Lifting one's own ban from a chat one is in means leaving it.
        }
        guard chat.actorRights.canRestrictMembers else {
            throw APIError.badRequest("not enough rights to restrict/unrestrict chat member")
        }
        if let old, old.status == .administrator, !chat.actorIsCreator, old.decodedDetails.promotedByID != chat.actor.id {
            throw APIError.badRequest("user is an administrator of the chat")
        }
    }

    /// Removes `target` from a basic group (banChatMember there): TDLib asks the server to
    /// delete the participant, so there are no bans with a date, only removals. Removing
    /// oneself is leaving.
    static func removeFromBasicGroup(_ target: AccountRecord, in chat: inout Chat, tx: Transaction) throws {
        let old = try Groups.membership(of: target.id, in: chat.group, now: tx.now, in: tx.store)
        if target.id == chat.actor.id {
            try Membership.remove(target, from: &chat.group, by: chat.actor, tx: tx)
            return
        }
        if old?.status == .creator { throw APIError.badRequest("can't remove chat owner") }
        guard chat.actorRights.canRestrictMembers else { throw APIError.badRequest("CHAT_ADMIN_REQUIRED") }
        if let old, old.status == .administrator, !chat.actorIsCreator, old.decodedDetails.promotedByID != chat.actor.id {
            throw APIError.badRequest("user is an administrator of the chat")
        }
        guard old?.isPresent == true else { throw APIError.badRequest("USER_NOT_PARTICIPANT") }
        try Membership.remove(target, from: &chat.group, by: chat.actor, status: .kicked, tx: tx)
    }

    /// A membership record for `target` in the chat, keeping nothing of the old one.
    static func record(_ status: MemberStatus, of target: AccountRecord, details: MemberDetails = MemberDetails(), in chat: Chat, now: Int64) -> MemberRecord {
        Groups.record(status, of: target, in: chat.group, details: details, now: now)
    }

    // MARK: Sender chats

    /// `sender_chat_id`, read before the chat as the official server does.
    static func senderChatID(_ parameters: Parameters) throws -> Int64 {
        guard let text = parameters["sender_chat_id"] else { throw APIError.badRequest("sender_chat_id is empty") }
        guard let id = Int64(text.trimmingCharacters(in: .whitespaces)) else {
            throw APIError.badRequest("sender_chat_id is not a valid Integer")
        }
        return id
    }

    /// The supergroup or channel in which the actor bans or unbans `senderChatID`, with the
    /// checks TDLib makes for banning a chat: it must exist, and the actor must be allowed to
    /// restrict members.
    static func senderChatAdministration(_ chatID: ChatID, actor: AccountRecord, senderChatID: Int64, tx: Transaction) throws -> Chat {
        let chat = try chat(
            chatID, actor: actor, kinds: [.supergroup, .channel], privateError: "can't ban members in private chats",
            kindError: "can't ban chats in basic groups", tx: tx)
        guard try Groups.load(clientID: senderChatID, in: tx.store) != nil else { throw APIError.badRequest("chat not found") }
        guard chat.actorRights.canRestrictMembers else {
            throw APIError.badRequest("not enough rights to restrict/unrestrict chat member")
        }
        return chat
    }

    /// banChatSenderChat and unbanChatSenderChat: puts `sender_chat_id` on the chat's list
    /// of banned sender chats, or takes it off.
    static func setSenderChatBan(_ call: MethodCall, banned: Bool) async throws -> MethodResult {
        let senderChatID = try senderChatID(call.parameters)
        let chatID = try call.decode(LeaveChatParameters.self).chatId
        let actor = call.account
        try await call.engine.write { tx in
            var chat = try senderChatAdministration(chatID, actor: actor, senderChatID: senderChatID, tx: tx)
            guard chat.group.details.bannedSenderChatIDs.contains(senderChatID) != banned else { return }
            chat.group.details.bannedSenderChatIDs.removeAll { $0 == senderChatID }
            if banned { chat.group.details.bannedSenderChatIDs.append(senderChatID) }
            try Groups.save(chat.group, in: tx.store)
        }
        return .true
    }

    // MARK: Administrator rights

    /// Rights stored as optionals in ``ChatAdministratorRights``: they exist only in some
    /// kinds of chats.
    private static let optionalRights: [(name: String, path: WritableKeyPath<ChatAdministratorRights, Bool?> & Sendable)] = [
        ("can_post_messages", \.canPostMessages), ("can_edit_messages", \.canEditMessages),
        ("can_pin_messages", \.canPinMessages), ("can_manage_topics", \.canManageTopics),
        ("can_manage_direct_messages", \.canManageDirectMessages), ("can_manage_tags", \.canManageTags),
    ]
    private static let requiredRights: [(name: String, path: WritableKeyPath<ChatAdministratorRights, Bool> & Sendable)] = [
        ("is_anonymous", \.isAnonymous), ("can_manage_chat", \.canManageChat), ("can_delete_messages", \.canDeleteMessages),
        ("can_manage_video_chats", \.canManageVideoChats), ("can_restrict_members", \.canRestrictMembers),
        ("can_promote_members", \.canPromoteMembers), ("can_change_info", \.canChangeInfo),
        ("can_invite_users", \.canInviteUsers), ("can_post_stories", \.canPostStories),
        ("can_edit_stories", \.canEditStories), ("can_delete_stories", \.canDeleteStories),
        ("can_send_welcome_messages", \.canSendWelcomeMessages),
    ]

    /// The names of the rights `rights` grants.
    static func rightNames(of rights: ChatAdministratorRights) -> Set<String> {
        Set(requiredRights.filter { rights[keyPath: $0.path] }.map(\.name)
            + optionalRights.filter { rights[keyPath: $0.path] ?? false }.map(\.name))
    }

    /// Rights as stored in a membership's details: a right missing from the stored object
    /// is not granted. Rights stored before a Bot API version made a right required (10.3:
    /// `can_send_welcome_messages`) therefore still read.
    static func storedRights(_ values: [String: Bool]) -> ChatAdministratorRights {
        var rights = Rights.none
        for (name, path) in requiredRights { rights[keyPath: path] = values[name] ?? false }
        for (name, path) in optionalRights { rights[keyPath: path] = values[name] }
        return rights
    }

    /// The rights an administrator of `group` holds when granted `names`: rights of other
    /// kinds of chats are dropped and any right implies `can_manage_chat`, as in TDLib.
    /// Nil when nothing is left, which makes the account a plain member.
    static func rights(_ names: Set<String>, in group: Group) -> ChatAdministratorRights? {
        let names = names.subtracting(group.isChannel ? DefaultAdministratorRights.groupOnly : DefaultAdministratorRights.channelOnly)
        guard !names.isEmpty else { return nil }
        var rights = Rights.none
        for (name, path) in requiredRights { rights[keyPath: path] = names.contains(name) }
        rights.canManageChat = true
        for (name, path) in optionalRights {
            let applies = group.isChannel ? !DefaultAdministratorRights.groupOnly.contains(name) : !DefaultAdministratorRights.channelOnly.contains(name)
            if applies { rights[keyPath: path] = names.contains(name) }
        }
        return rights
    }

    // MARK: Chat permissions

    /// `ChatPermissions` fields in the order the official parser reads them.
    private static let permissionFields: [(name: String, path: WritableKeyPath<ChatPermissions, Bool?> & Sendable)] = [
        ("can_send_messages", \.canSendMessages), ("can_send_audios", \.canSendAudios),
        ("can_send_documents", \.canSendDocuments), ("can_send_photos", \.canSendPhotos),
        ("can_send_videos", \.canSendVideos), ("can_send_video_notes", \.canSendVideoNotes),
        ("can_send_voice_notes", \.canSendVoiceNotes), ("can_send_polls", \.canSendPolls),
        ("can_send_other_messages", \.canSendOtherMessages), ("can_add_web_page_previews", \.canAddWebPagePreviews),
        ("can_react_to_messages", \.canReactToMessages), ("can_edit_tag", \.canEditTag),
        ("can_change_info", \.canChangeInfo), ("can_invite_users", \.canInviteUsers),
        ("can_pin_messages", \.canPinMessages), ("can_manage_topics", \.canManageTopics),
    ]
    /// What the legacy `can_send_media_messages` stands for.
    private static let mediaPermissions: [String] = [
        "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos", "can_send_video_notes",
        "can_send_voice_notes",
    ]

    /// Reads the `permissions` parameter with the official errors. Fields not given are
    /// false, except that `can_react_to_messages` follows `can_send_messages` and
    /// `can_manage_topics` and `can_edit_tag` follow `can_pin_messages`; unless
    /// `independent`, other messages and link previews imply text and media, and polls imply
    /// text. Without `permissions`, restrictChatMember (`allowLegacy`) reads the pre-object
    /// top-level flags; everything else withholds every permission.
    static func permissions(from parameters: Parameters, independent: Bool, allowLegacy: Bool) throws -> ChatPermissions {
        let object: SettingsJSON.Object
        if let text = parameters.rawValue("permissions") {
            guard let json = SettingsJSON.parse(text) else { throw APIError.badRequest("can't parse permissions JSON object") }
            guard case .object(let given) = json else { throw APIError.badRequest("object expected as permissions") }
            object = given
        } else if allowLegacy {
            let legacy = ["can_send_messages", "can_send_media_messages", "can_send_other_messages", "can_add_web_page_previews"]
            object = SettingsJSON.Object(members: legacy.compactMap { name in
                parameters[name].map { (name, SettingsJSON.bool(LenientParse.bool($0))) }
            })
        } else {
            object = SettingsJSON.Object(members: [])
        }

        var granted: Set<String> = []
        do throws(SettingsJSON.FieldError) {
            let legacyMedia = try object.optionalBool("can_send_media_messages")
            for (name, _) in permissionFields where try object.optionalBool(name) { granted.insert(name) }
            if legacyMedia && !mediaPermissions.contains(where: { object.field($0) != nil }) {
                granted.formUnion(mediaPermissions)
                if !independent { granted.insert("can_send_messages") }
            }
        } catch {
            throw APIError.badRequest("can't parse chat permissions: \(error.message)")
        }
        if object.field("can_react_to_messages") == nil && granted.contains("can_send_messages") { granted.insert("can_react_to_messages") }
        if granted.contains("can_pin_messages") {
            for name in ["can_manage_topics", "can_edit_tag"] where object.field(name) == nil { granted.insert(name) }
        }
        if !independent {
            if granted.contains("can_send_other_messages") || granted.contains("can_add_web_page_previews") {
                granted.formUnion(mediaPermissions + ["can_send_messages"])
            }
            if granted.contains("can_send_polls") { granted.insert("can_send_messages") }
        }
        return permissions(granted)
    }

    /// Permissions with every field present: true for `names`, false otherwise.
    static func permissions(_ names: Set<String>) -> ChatPermissions {
        var permissions = ChatPermissions()
        for (name, path) in permissionFields { permissions[keyPath: path] = names.contains(name) }
        return permissions
    }

    static func permissionNames(of permissions: ChatPermissions) -> Set<String> {
        Set(permissionFields.filter { permissions[keyPath: $0.path] ?? false }.map(\.name))
    }

    /// The chat's default permissions for members.
    static func defaults(of group: Group) -> ChatPermissions {
        group.details.permissions ?? ChatPermissionsDefaults.members
    }

    /// Whether `permissions` leave a member all the chat's defaults allow: such a
    /// "restriction" makes them a plain member again.
    static func restrictsNothing(_ permissions: ChatPermissions, in group: Group) -> Bool {
        permissionNames(of: defaults(of: group)).isSubset(of: permissionNames(of: permissions))
    }
}
