import BotAPI
import Storage

/// `removeBusinessAccountProfilePhoto`: removes the business account's current profile
/// photo (right `can_edit_profile_photo`); the previous one, if any, becomes current.
enum RemoveBusinessAccountProfilePhoto: APIMethod {
    static let name = "removeBusinessAccountProfilePhoto"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await BusinessProfiles.changeAccount(call, requiring: .editProfilePhoto) { account, tx in
            if let current = try tx.store.profilePhotos(accountID: account.id, offset: 0, limit: 1).first {
                try tx.store.deleteProfilePhoto(id: current.id)
            }
        }
    }
}
