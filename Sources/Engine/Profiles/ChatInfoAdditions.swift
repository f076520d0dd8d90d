import BotAPI
import Storage

/// What profiles and sticker sets add to getChat's `ChatFullInfo`: a private chat's profile
/// photo and emoji status, a supergroup's sticker set and whether the caller may set one.
enum ChatInfoAdditions {
    /// `info` (already checked as visible to `caller`) with those fields filled. The
    /// profile photo's files are the caller's to use from then on, as on Telegram.
    static func complete(_ info: ChatFullInfo, caller: AccountRecord, now: Int64, engine: Engine) async throws -> ChatFullInfo {
        switch info.type {
        case "private":
            let (completed, rows) = try await engine.store.read { tx -> (ChatFullInfo, [Int64]) in
                var info = info
                var rows = Set<Int64>()
                let peerID = Int64(info.id)
                if let sizes = try ProfilePhotos.current(of: peerID, in: tx) {
                    info.photo = ProfilePhotos.chatPhoto(sizes)
                    rows = ProfilePhotos.files(of: sizes)
                }
                info.bio = try BusinessProfiles.bio(of: peerID, in: tx)
                if let status = try EmojiStatuses.current(of: peerID, now: now, in: tx) {
                    info.emojiStatusCustomEmojiId = status.id
                    info.emojiStatusExpirationDate = status.expires.map { Int($0) }
                }
                return (info, try rows.filter { try !tx.fileIsGranted(fileID: $0, to: caller.id) }.sorted())
            }
            // Only a photo the caller has not been given yet costs a write.
            if !rows.isEmpty {
                try await engine.write { tx in
                    for row in rows { try tx.store.grantFile(fileID: row, to: caller.id) }
                }
            }
            return completed
        case "supergroup":
            return try await engine.store.read { tx in
                var info = info
                guard let group = try Groups.load(clientID: Int64(info.id), in: tx) else { return info }
                (info.stickerSetName, info.canSetStickerSet) = try ChatStickerSets.fullInfo(of: group, viewer: caller, now: now, in: tx)
                return info
            }
        default:
            return info
        }
    }
}
