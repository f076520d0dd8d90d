import BotAPI
import Storage

/// `verifyChat` (verifier bots, `setBotVerifier`): marks a group, supergroup or channel the
/// bot knows (or a user, by their private chat's id) as verified by the bot's organization.
enum VerifyChat: APIMethod {
    static let name = "verifyChat"
    static let surfaces: Set<Surface> = [.bot]

    struct Parameters: Decodable {
        let chat_id: ChatID
        let custom_description: String?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let bot = call.account
        try await call.engine.write { tx in
            let target = try Verifications.chatTarget(p.chat_id, bot: bot, in: tx.store)
            try Verifications.verify(target, by: bot, description: p.custom_description, in: tx.store)
        }
        return .true
    }
}
