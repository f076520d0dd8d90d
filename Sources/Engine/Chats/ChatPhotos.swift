import BotAPI
import Storage

/// What setChatPhoto, deleteChatPhoto and getChat share.
enum ChatPhotos {
    /// The group whose photo `caller` changes, with its right to checked.
    static func group(_ chatID: ChatID, caller: AccountRecord, now: Int64, in tx: any StoreReader) throws -> Group {
        let (group, member) = try ChatSettings.group(
            chatID, caller: caller, now: now, privateError: "can't change private chat photo", in: tx)
        try ChatAccess(account: caller, member: member, group: group)
            .require(.changeInfo, otherwise: "not enough rights to change chat photo")
        return group
    }

    /// The chat's photo as getChat shows it: its 160- and 640-pixel files (a photo set before
    /// those were made shows its one stored image as both).
    static func view(of group: Group, in tx: any StoreReader) throws -> ChatPhoto? {
        guard let photo = group.details.photo, let fileID = photo.fileID, let record = try tx.file(id: fileID) else { return nil }
        func size(_ role: FileDerivativeRole) throws -> FileRecord {
            try tx.derivatives(of: fileID, role: role).first.flatMap { try tx.file(id: $0) } ?? record
        }
        let small = try size(.chatPhotoSmall), big = try size(.chatPhotoBig)
        return ChatPhoto(
            smallFileId: FileIdentifiers.fileID(for: small, as: .photo), smallFileUniqueId: FileIdentifiers.uniqueID(for: small),
            bigFileId: FileIdentifiers.fileID(for: big, as: .photo), bigFileUniqueId: FileIdentifiers.uniqueID(for: big))
    }
}
