import BotAPI
import Storage

/// `getUsers` (admin): live accounts by id, paginated.
enum GetUsers: APIMethod {
    static let name = "getUsers"
    static let surfaces: Set<Surface> = [.admin]

    struct Parameters: Decodable {
        let offset: Int?
        let limit: Int?
        let is_bot: Bool?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let offset = max(0, p.offset ?? 0)
        let limit = min(max(p.limit ?? 100, 1), 1000)
        let accounts = try await call.engine.store.read { tx in
            try tx.accounts(offset: offset, limit: limit, isBot: p.is_bot)
        }
        return MethodResult(accounts.map(Views.user))
    }
}
