import BotAPI
import Storage

/// `setBotQuerySupport` (admin): switches a bot's guest queries (`supports_guest_queries`)
/// and join-request queries (`supports_join_request_queries`) on or off, each left as it is
/// when absent. Answers the bot as `getMe` shows it.
enum SetBotQuerySupport: APIMethod {
    static let name = "setBotQuerySupport"
    static let surfaces: Set<Surface> = [.admin]

    struct Parameters: Decodable {
        let user_id: Int64
        let supports_guest_queries: Bool?
        let supports_join_request_queries: Bool?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let me = try await call.engine.write { tx in
            let account = try AdminBots.bot(p.user_id, in: tx.store)
            var support = try BotQuerySupport.of(account.id, in: tx.store)
            if let value = p.supports_guest_queries { support.guestQueries = value }
            if let value = p.supports_join_request_queries { support.joinRequestQueries = value }
            try BotQuerySupport.set(support, of: account.id, in: tx.store)
            return try GetMe.view(account, in: tx.store)
        }
        return MethodResult(me)
    }
}
