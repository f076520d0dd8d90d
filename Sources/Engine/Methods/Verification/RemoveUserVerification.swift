import BotAPI
import Storage

/// `removeUserVerification` (verifier bots): takes back the bot's verification of a user.
/// A user the bot did not verify is left as they are.
enum RemoveUserVerification: APIMethod {
    static let name = "removeUserVerification"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let bot = call.account
        try await call.engine.write { tx in
            // TDLib checks the user without failing on an unknown one: the removal decides.
            try Verifications.remove(.user(userID), by: bot, in: tx.store)
        }
        return .true
    }
}
