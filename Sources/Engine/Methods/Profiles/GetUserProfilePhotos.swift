import BotAPI
import Storage

/// `getUserProfilePhotos` (bots and users): a user's (or bot's) profile photos, newest
/// first, each as its stored size ladder. A bot reads only accounts it can see
/// (``Visibility``) and may use the photos' `file_id`s afterwards.
enum GetUserProfilePhotos: APIMethod {
    static let name = "getUserProfilePhotos"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        // As the official server: a negative offset is 0, the limit is clamped to 1-100.
        let offset = max(call.parameters["offset"].map(LenientParse.integer) ?? 0, 0)
        let limit = min(max(call.parameters["limit"].map(LenientParse.integer) ?? 100, 1), 100)
        let caller = call.account
        let photos = try await call.engine.write { tx in
            guard let account = try Visibility.account(id: userID, viewer: caller, in: tx.store) else {
                throw APIError.badRequest("user not found")
            }
            let total = try tx.store.profilePhotoCount(accountID: account.id)
            let photos = try tx.store.profilePhotos(accountID: account.id, offset: min(offset, total), limit: limit).map(ProfilePhotos.sizes(of:))
            for sizes in photos { try ProfilePhotos.grant(sizes, to: caller.id, in: tx.store) }
            return UserProfilePhotos(totalCount: total, photos: photos)
        }
        return MethodResult(photos)
    }
}
