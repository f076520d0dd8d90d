import BotAPI
import Storage

/// `setPassportDataErrors` (bots): reports errors in the Telegram Passport data a user
/// shared, which the user sees until they resubmit it (the user's `getPassportDataErrors`).
/// Checked as the official server does: `user_id`, then `errors`, then the user.
enum SetPassportDataErrors: APIMethod {
    static let name = "setPassportDataErrors"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let errors = try PassportErrors.parse(call.parameters["errors"])
        let bot = call.account
        try await call.engine.write { tx in
            guard let user = try Visibility.account(id: userID, viewer: bot, in: tx.store), !user.isDeleted else {
                throw APIError.badRequest("user not found")
            }
            try PassportErrors.save(errors, bot: bot.id, user: user.id, in: tx.store)
        }
        return .true
    }
}
