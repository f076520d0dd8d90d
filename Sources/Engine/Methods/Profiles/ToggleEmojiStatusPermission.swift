import BotAPI
import Storage

/// The user's `toggleEmojiStatusPermission` (docs/user-api-extensions.md): lets a bot set
/// the user's emoji status with setUserEmojiStatus, or takes that back; what a user grants
/// on Telegram by accepting a Mini App's `requestEmojiStatusAccess`.
enum ToggleEmojiStatusPermission: APIMethod {
    static let name = "toggleEmojiStatusPermission"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let bot_id: Int64?
        let bot_username: String?
        let enabled: Bool?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        try await call.engine.write { tx in
            let bot = try StartBot.bot(id: p.bot_id, username: p.bot_username, in: tx.store)
            try tx.store.setEmojiStatusPermission(userID: user.id, botID: bot.id, allowed: p.enabled ?? true)
        }
        return .true
    }
}
