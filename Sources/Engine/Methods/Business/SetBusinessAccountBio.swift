import BotAPI
import Storage

/// `setBusinessAccountBio`: the business account's bio, shown in getChat (right
/// `can_edit_bio`); absent or empty removes it.
enum SetBusinessAccountBio: APIMethod {
    static let name = "setBusinessAccountBio"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let bio = call.parameters["bio"] ?? ""
        return try await BusinessProfiles.changeAccount(call, requiring: .editBio) { account, tx in
            // Telegram's name for a bio over 140 characters.
            guard bio.count <= BusinessProfiles.maxBioLength else { throw APIError.badRequest("ABOUT_TOO_LONG") }
            try BusinessProfiles.setBio(bio, of: account.id, in: tx.store)
        }
    }
}
