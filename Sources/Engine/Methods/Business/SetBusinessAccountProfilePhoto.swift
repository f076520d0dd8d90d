import BotAPI
import Storage

/// `setBusinessAccountProfilePhoto`: a new profile photo for the business account (right
/// `can_edit_profile_photo`), given as for `setMyProfilePhoto`. `is_public` is accepted;
/// this server has no privacy settings that would hide the main photo, so the public photo
/// is the profile photo.
enum SetBusinessAccountProfilePhoto: APIMethod {
    static let name = "setBusinessAccountProfilePhoto"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let file = try await SetMyProfilePhoto.staticPhoto(in: call)
        return try await BusinessProfiles.changeAccount(call, requiring: .editProfilePhoto) { account, tx in
            try ProfilePhotos.add(file, for: account, tx: tx)
        }
    }
}
