import BotAPI
import Storage

/// `boostChat` (users): a Premium user boosts a supergroup or channel; the chat's
/// administrator bots get `chat_boost`. Answers the new ChatBoost.
enum BoostChat: APIMethod {
    static let name = "boostChat"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let chat_id: ChatID
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let boost = try await call.engine.write { tx in
            let group = try ChatBoosts.boostable(p.chat_id, user: user, in: tx.store)
            return try ChatBoosts.add(by: user, to: group, in: tx)
        }
        return MethodResult(ChatBoosts.view(boost, booster: user))
    }
}
