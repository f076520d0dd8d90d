import BotAPI
import Storage

/// `removeChatVerification` (verifier bots): takes back the bot's verification of a chat.
enum RemoveChatVerification: APIMethod {
    static let name = "removeChatVerification"
    static let surfaces: Set<Surface> = [.bot]

    struct Parameters: Decodable {
        let chat_id: ChatID
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let bot = call.account
        try await call.engine.write { tx in
            let target = try Verifications.chatTarget(p.chat_id, bot: bot, in: tx.store)
            try Verifications.remove(target, by: bot, in: tx.store)
        }
        return .true
    }
}
