import BotAPI
import Storage

/// `getUserProfileAudios` (bots and users): the audio files a user keeps on their profile,
/// newest first. A bot reads only accounts it can see (``Visibility``) and may send the
/// audios' `file_id`s afterwards.
enum GetUserProfileAudios: APIMethod {
    static let name = "getUserProfileAudios"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        // As the official server: a negative offset is 0, the limit is clamped to 1-100.
        let offset = max(call.parameters["offset"].map(LenientParse.integer) ?? 0, 0)
        let limit = min(max(call.parameters["limit"].map(LenientParse.integer) ?? 100, 1), 100)
        let caller = call.account
        let audios = try await call.engine.write { tx in
            guard let account = try Visibility.account(id: userID, viewer: caller, in: tx.store) else {
                throw APIError.badRequest("user not found")
            }
            let total = try tx.store.profileAudioCount(accountID: account.id)
            let records = try tx.store.profileAudios(accountID: account.id, offset: min(offset, total), limit: limit)
            for record in records { try tx.store.grantFile(fileID: record.fileID, to: caller.id) }
            return UserProfileAudios(totalCount: total, audios: records.compactMap(ProfileAudios.audio(of:)))
        }
        return MethodResult(audios)
    }
}
