import BotAPI
import Storage

/// `getVerification` (users): the third-party verification of a user or chat, as Telegram's
/// apps show it next to the name: `{"bot":User,"company":String,"description":String}`, or
/// `null` when no verifier bot verified it.
enum GetVerification: APIMethod {
    static let name = "getVerification"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let chat_id: ChatID
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let user = call.account
        let json = try await call.engine.store.read { store in
            try Verifications.view(of: Verifications.chatTarget(p.chat_id, bot: user, in: store), in: store)
        }
        return MethodResult(json: json)
    }
}
