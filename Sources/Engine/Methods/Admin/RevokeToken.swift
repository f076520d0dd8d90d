import BotAPI
import Storage

/// `revokeToken` (admin): gives an account a new token; the old one stops working at once.
enum RevokeToken: APIMethod {
    static let name = "revokeToken"
    static let surfaces: Set<Surface> = [.admin]

    struct Parameters: Decodable {
        let user_id: Int64
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        guard p.user_id > 0 else { throw APIError.badRequest("invalid user_id specified") }
        let account = try await call.engine.write { tx in
            guard var account = try tx.store.account(id: p.user_id), !account.isDeleted else {
                throw APIError.badRequest("user not found")
            }
            account.tokenSecret = Engine.makeTokenSecret()
            try tx.update(account, endsSessions: true)
            return account
        }
        return MethodResult(AccountWithToken(account))
    }
}
