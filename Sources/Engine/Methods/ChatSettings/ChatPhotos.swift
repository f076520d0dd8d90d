import BotAPI
import Storage

/// What setChatPhoto, deleteChatPhoto and getChat share.
enum ChatPhotos {
    /// The group whose photo `caller` changes, with its right to checked.
    static func group(_ chatID: ChatID, caller: AccountRecord, now: Int64, in tx: any StoreReader) throws -> Group {
        let (group, member) = try ChatSettings.group(
            chatID, caller: caller, now: now, privateError: "can't change private chat photo", in: tx)
        guard ChatSettings.canChangeInfo(member, account: caller, in: group) else {
            throw APIError.badRequest("not enough rights to change chat photo")
        }
        return group
    }

    /// The chat's photo as getChat shows it; both sizes are the one stored image.
    static func view(of group: Group, in tx: any StoreReader) throws -> ChatPhoto? {
        guard let photo = group.details.photo, let fileID = photo.fileID, let record = try tx.file(id: fileID) else { return nil }
        let id = FileIdentifiers.fileID(for: record, as: .photo)
        return ChatPhoto(smallFileId: id, smallFileUniqueId: photo.uniqueID, bigFileId: id, bigFileUniqueId: photo.uniqueID)
    }
}
