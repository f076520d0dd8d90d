import BotAPI
import Foundation
import Storage

/// The settings of a group, supergroup or channel beyond its title and username, kept as
/// JSON in ``GroupRecord/details`` so new settings need no migration.
struct GroupDetails: Decodable, JSONWritable {
    var description: String?
    /// The default permissions of members; nil means Telegram's defaults (everything a
    /// member may do, except changing info, pinning and managing topics in supergroups).
    var permissions: ChatPermissions?
    /// Pinned messages, most recent last.
    var pinnedMessageIDs: [Int] = []
    /// Set on a basic group after its upgrade: the supergroup's client id.
    var migratedToChatID: Int64?
    /// Set on a supergroup made from a basic group: the group's client id.
    var migratedFromChatID: Int64?
    /// The bot that last sent a message: in privacy mode a command without `@bot` reaches
    /// only that bot, as on Telegram.
    var lastBotSenderID: Int64?
    /// The chat photo, when one is set (setChatPhoto).
    var photo: ChatPhotoState?
    /// Invite links and pending join requests.
    var invites: InviteState?
    /// Forum topics, in forum supergroups.
    var forum: ForumState?
    /// Client ids of channels and groups banned from posting here on their own behalf
    /// (banChatSenderChat).
    var bannedSenderChatIDs: [Int64] = []
    /// A channel's direct-messages chat, or a direct-messages chat's channel (``DirectMessagesLink``).
    var directMessages: DirectMessagesLink?

    init() {}

    private enum CodingKeys: String, CodingKey {
        case description, permissions
        case pinnedMessageIDs = "pinned_message_ids"
        case migratedToChatID = "migrated_to_chat_id"
        case migratedFromChatID = "migrated_from_chat_id"
        case lastBotSenderID = "last_bot_sender_id"
        case bannedSenderChatIDs = "banned_sender_chat_ids"
        case photo, invites, forum
        case directMessages = "direct_messages"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        permissions = try container.decodeIfPresent(ChatPermissions.self, forKey: .permissions)
        pinnedMessageIDs = try container.decodeIfPresent([Int].self, forKey: .pinnedMessageIDs) ?? []
        migratedToChatID = try container.decodeIfPresent(Int64.self, forKey: .migratedToChatID)
        migratedFromChatID = try container.decodeIfPresent(Int64.self, forKey: .migratedFromChatID)
        lastBotSenderID = try container.decodeIfPresent(Int64.self, forKey: .lastBotSenderID)
        bannedSenderChatIDs = try container.decodeIfPresent([Int64].self, forKey: .bannedSenderChatIDs) ?? []
        photo = try container.decodeIfPresent(ChatPhotoState.self, forKey: .photo)
        invites = try container.decodeIfPresent(InviteState.self, forKey: .invites)
        forum = try container.decodeIfPresent(ForumState.self, forKey: .forum)
        directMessages = try container.decodeIfPresent(DirectMessagesLink.self, forKey: .directMessages)
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.optionalMember("description", description)
        writer.optionalMember("permissions", permissions)
        if !pinnedMessageIDs.isEmpty { writer.member("pinned_message_ids", pinnedMessageIDs) }
        writer.optionalMember("migrated_to_chat_id", migratedToChatID.map(Int.init))
        writer.optionalMember("migrated_from_chat_id", migratedFromChatID.map(Int.init))
        writer.optionalMember("last_bot_sender_id", lastBotSenderID.map(Int.init))
        if !bannedSenderChatIDs.isEmpty { writer.member("banned_sender_chat_ids", bannedSenderChatIDs.map(Int.init)) }
        writer.optionalMember("photo", photo)
        writer.optionalMember("invites", invites)
        writer.optionalMember("forum", forum)
        writer.optionalMember("direct_messages", directMessages)
        writer.endObject()
    }
}

/// A membership's rights and restrictions, kept as JSON in ``MemberRecord/details``.
struct MemberDetails: Decodable, JSONWritable {
    /// An administrator's rights.
    var rights: ChatAdministratorRights?
    /// A restricted member's permissions.
    var permissions: ChatPermissions?
    /// When a restriction or ban ends, Unix time; 0 or nil means never.
    var untilDate: Int?
    var customTitle: String?
    /// The account that promoted this administrator: only it may edit them.
    var promotedByID: Int64?
    /// Whether a restricted account is still in the chat.
    var isMember: Bool?

    init() {}

    private enum CodingKeys: String, CodingKey {
        case rights, permissions
        case untilDate = "until_date"
        case customTitle = "custom_title"
        case promotedByID = "promoted_by_id"
        case isMember = "is_member"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rights = try container.decodeIfPresent([String: Bool].self, forKey: .rights).map(Moderation.storedRights)
        permissions = try container.decodeIfPresent(ChatPermissions.self, forKey: .permissions)
        untilDate = try container.decodeIfPresent(Int.self, forKey: .untilDate)
        customTitle = try container.decodeIfPresent(String.self, forKey: .customTitle)
        promotedByID = try container.decodeIfPresent(Int64.self, forKey: .promotedByID)
        isMember = try container.decodeIfPresent(Bool.self, forKey: .isMember)
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.optionalMember("rights", rights)
        writer.optionalMember("permissions", permissions)
        writer.optionalMember("until_date", untilDate)
        writer.optionalMember("custom_title", customTitle)
        writer.optionalMember("promoted_by_id", promotedByID.map(Int.init))
        writer.optionalMember("is_member", isMember)
        writer.endObject()
    }
}

extension GroupRecord {
    var decodedDetails: GroupDetails {
        (try? JSONDecoder().decode(GroupDetails.self, from: details)) ?? GroupDetails()
    }
}

extension MemberRecord {
    var decodedDetails: MemberDetails {
        (try? JSONDecoder().decode(MemberDetails.self, from: details)) ?? MemberDetails()
    }

    /// Whether the account is in the chat now: owner, administrator, member, or restricted
    /// but not removed.
    var isPresent: Bool {
        switch status {
        case .creator, .administrator, .member: true
        case .restricted: decodedDetails.isMember ?? true
        default: false
        }
    }

    var isAdministrator: Bool { status.isAdministrator }
}
