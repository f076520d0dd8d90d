import BotAPI
import Storage

/// `deleteUser` (admin): deactivates an account. Its token stops working, its username is
/// freed, and its old messages show a deleted account.
enum DeleteUser: APIMethod {
    static let name = "deleteUser"
    static let surfaces: Set<Surface> = [.admin]

    struct Parameters: Decodable {
        let user_id: Int64
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        guard p.user_id > 0 else { throw APIError.badRequest("invalid user_id specified") }
        try await call.engine.write { tx in
            guard var account = try tx.store.account(id: p.user_id), !account.isDeleted else {
                throw APIError.badRequest("user not found")
            }
            account.isDeleted = true
            try tx.update(account, endsSessions: true)
            try tx.store.deleteAllUpdates(recipientID: account.id)
        }
        return .true
    }
}
