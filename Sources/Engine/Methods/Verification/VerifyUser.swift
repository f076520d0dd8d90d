import BotAPI
import Storage

/// `verifyUser` (verifier bots, `setBotVerifier`): marks a user as verified by the bot's
/// organization; people see it with `getVerification`.
enum VerifyUser: APIMethod {
    static let name = "verifyUser"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let description = call.parameters["custom_description"]
        let bot = call.account
        try await call.engine.write { tx in
            guard let user = try Visibility.account(id: userID, viewer: bot, in: tx.store), !user.isDeleted else {
                throw APIError.badRequest("user not found")
            }
            try Verifications.verify(.user(user.id), by: bot, description: description, in: tx.store)
        }
        return .true
    }
}
