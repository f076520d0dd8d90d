import BotAPI
import Storage

/// `sendWebAppData` (users, USER-API.md): a Mini App opened from a reply keyboard's `web_app`
/// button sends data back (`Telegram.WebApp.sendData`). The bot gets the service message
/// `web_app_data` in the private chat; the button must be on the keyboard the bot shows the
/// user now. Answers the message.
enum SendWebAppData: APIMethod {
    static let name = "sendWebAppData"
    static let surfaces: Set<Surface> = [.user]

    /// The most bytes of data a Mini App may send (Telegram.WebApp.sendData's limit).
    static let maxDataBytes = 4096

    struct Parameters: Decodable {
        let bot_id: Int64?
        let bot_username: String?
        let button_text: String
        let data: String
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        guard !p.data.isEmpty, p.data.utf8.count <= maxDataBytes else { throw APIError.badRequest("DATA_INVALID") }
        let user = call.account
        let message = try await call.engine.write { tx in
            let bot = try StartBot.bot(id: p.bot_id, username: p.bot_username, in: tx.store)
            let keyboard = try ReplyKeyboards.current(bot: bot.id, user: user.id, in: tx.store)
            guard (keyboard?.keyboard ?? []).joined().contains(where: { $0.webApp != nil && $0.text == p.button_text }) else {
                throw APIError.badRequest("BUTTON_TEXT_INVALID")
            }
            let draft = MessageDraft { message in
                message.webAppData = WebAppData(data: p.data, buttonText: p.button_text)
            }
            return try PrivateChats.send(draft, from: user, to: bot, in: tx)
        }
        return MethodResult(message)
    }
}
