import BotAPI
import Storage

/// `unboostChat` (users): takes back the user's boosts of a chat; the chat's administrator
/// bots get `removed_chat_boost` for each. Answers how many boosts were removed.
enum UnboostChat: APIMethod {
    static let name = "unboostChat"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let chat_id: ChatID
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let count = try await call.engine.write { tx in
            let group = try ChatBoosts.boostable(p.chat_id, user: user, in: tx.store)
            return try ChatBoosts.removeAll(by: user, from: group, in: tx)
        }
        return MethodResult(json: Array(String(count).utf8))
    }
}
