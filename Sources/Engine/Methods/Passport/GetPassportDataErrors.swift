import BotAPI
import Storage

/// `getPassportDataErrors` (users): the errors the bot last reported in the user's
/// Telegram Passport data with `setPassportDataErrors`, as it sent them (an absent
/// `source` is written `unspecified`); `[]` when it reported none. Telegram's apps show
/// these in the bot's passport form.
enum GetPassportDataErrors: APIMethod {
    static let name = "getPassportDataErrors"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let bot_id: Int64?
        let bot_username: String?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let json = try await call.engine.store.read { store in
            let bot = try StartBot.bot(id: p.bot_id, username: p.bot_username, in: store)
            return try PassportErrors.stored(bot: bot.id, user: user.id, in: store)
        }
        return MethodResult(json: json)
    }
}
