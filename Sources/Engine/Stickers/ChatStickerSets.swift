import BotAPI
import Storage

/// A supergroup's sticker set: set by members who may change the chat's info, once the
/// supergroup is large enough (Telegram's `can_set_sticker_set`).
enum ChatStickerSets {
    /// How many members a supergroup needs before it may have a sticker set.
    static let minimumMembers = 100

    /// The supergroup `chatID` names and the caller's membership, with the official errors
    /// for other chats and for callers without the right.
    static func editable(_ chatID: ChatID, caller: AccountRecord, now: Int64, in tx: any StoreReader) throws -> Group {
        let onlySupergroups = APIError.badRequest("method is available only for supergroups")
        guard case .group(let group) = try ChatLookup.target(chatID, caller: caller, now: now, in: tx), group.kind == .supergroup else {
            throw onlySupergroups
        }
        try ChatAccess.present(caller, in: group, now: now, in: tx)
            .require(.changeInfo, otherwise: "not enough rights to change supergroup sticker set")
        return group
    }

    /// Whether the supergroup is large enough for a sticker set.
    static func isLargeEnough(_ group: Group, now: Int64, in tx: any StoreReader) throws -> Bool {
        try Groups.presentMembers(of: group, now: now, in: tx).count >= minimumMembers
    }

    /// `sticker_set_name` and `can_set_sticker_set` of getChat for a supergroup, as `viewer`
    /// sees them.
    static func fullInfo(of group: Group, viewer: AccountRecord, now: Int64, in tx: any StoreReader) throws -> (name: String?, canSet: Bool?) {
        guard group.kind == .supergroup else { return (nil, nil) }
        let name = try tx.chatStickerSetID(chatID: group.chat.id).flatMap { try tx.stickerSet(id: $0) }?.name
        guard let access = try? ChatAccess.present(viewer, in: group, now: now, in: tx),
              access.may(.changeInfo), try isLargeEnough(group, now: now, in: tx)
        else { return (name, nil) }
        return (name, true)
    }
}
