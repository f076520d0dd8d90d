import BotAPI
import Foundation
import Storage

/// The administrator rights a bot asks for when it is added to a group or a channel
/// (`setMyDefaultAdministratorRights`), one set for groups and one for channels.
struct DefaultAdministratorRights: Codable, Equatable, JSONWritable {
    /// Rights in the order the official parser reads them, so the first malformed field
    /// reported is the official one.
    static let fields = [
        "can_manage_chat", "can_change_info", "can_post_messages", "can_edit_messages", "can_delete_messages",
        "can_invite_users", "can_restrict_members", "can_pin_messages", "can_manage_topics", "can_promote_members",
        "can_manage_video_chats", "can_post_stories", "can_edit_stories", "can_delete_stories", "is_anonymous",
        "can_manage_direct_messages", "can_manage_tags", "can_send_welcome_messages",
    ]
    /// Rights that exist only in channels, and only in groups; the others apply to both.
    static let channelOnly: Set<String> = ["can_post_messages", "can_edit_messages", "can_manage_direct_messages"]
    static let groupOnly: Set<String> = ["can_pin_messages", "can_manage_topics", "can_manage_tags"]

    var forChannels: Bool
    /// The rights granted; names from ``fields``.
    var granted: Set<String>

    /// No rights at all: what a bot asks for until it sets some.
    init(forChannels: Bool, granted: Set<String> = []) {
        self.forChannels = forChannels
        // As on Telegram, rights of the other chat type are dropped, and any right implies
        // `can_manage_chat`.
        var granted = granted.subtracting(forChannels ? Self.groupOnly : Self.channelOnly)
        if !granted.subtracting(["is_anonymous"]).isEmpty { granted.insert("can_manage_chat") }
        self.granted = granted
    }

    /// Parses the `rights` parameter in the official wording (behaviour.md §2.14); absent
    /// or empty means no rights.
    static func parse(_ text: String?, forChannels: Bool) throws -> DefaultAdministratorRights {
        guard let text else { return DefaultAdministratorRights(forChannels: forChannels) }
        guard let json = SettingsJSON.parse(text) else {
            throw APIError.badRequest("can't parse ChatAdministratorRights JSON object")
        }
        do throws(SettingsJSON.FieldError) {
            guard case .object(let object) = json else { throw .init("ChatAdministratorRights must be an Object") }
            var granted: Set<String> = []
            for field in fields {
                if try object.optionalBool(field) { granted.insert(field) }
            }
            return DefaultAdministratorRights(forChannels: forChannels, granted: granted)
        } catch {
            throw APIError.badRequest("can't parse ChatAdministratorRights: \(error.message)")
        }
    }

    private static func key(bot: Int64, forChannels: Bool) -> String {
        BotSettingsStorage.key(bot: bot, "default_administrator_rights", forChannels ? "channels" : "groups")
    }

    static func load(bot: Int64, forChannels: Bool, in store: any StoreReader) throws -> DefaultAdministratorRights {
        guard let text = try BotSettingsStorage.value(key(bot: bot, forChannels: forChannels), in: store) else {
            return DefaultAdministratorRights(forChannels: forChannels)
        }
        return try JSONDecoder().decode(DefaultAdministratorRights.self, from: Data(text.utf8))
    }

    func save(bot: Int64, in store: any StoreWriter) throws {
        let text = String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
        try BotSettingsStorage.set(Self.key(bot: bot, forChannels: forChannels), text, in: store)
    }

    /// A `ChatAdministratorRights` object: every right of the chat type present, true or
    /// false (behaviour.md §8), in the official server's order. Unlike a chat member's
    /// rights it carries no legacy `can_manage_voice_chats` alias (the official server adds
    /// that in `ChatMemberAdministrator` only).
    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        func right(_ name: String) {
            writer.key(name)
            writer.bool(granted.contains(name))
        }
        right("can_manage_chat")
        right("can_change_info")
        if forChannels {
            right("can_post_messages")
            right("can_edit_messages")
        }
        right("can_delete_messages")
        right("can_invite_users")
        right("can_restrict_members")
        if !forChannels {
            right("can_pin_messages")
            right("can_manage_topics")
        }
        right("can_promote_members")
        right("can_manage_video_chats")
        right("can_post_stories")
        right("can_edit_stories")
        right("can_delete_stories")
        // Bot API 10.3; aiogram 3.31 requires it (see Overrides.newerFields).
        right("can_send_welcome_messages")
        if forChannels { right("can_manage_direct_messages") }
        right("is_anonymous")
        writer.endObject()
    }
}
