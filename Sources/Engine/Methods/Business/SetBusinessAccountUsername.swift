import BotAPI
import Storage

/// `setBusinessAccountUsername`: the business account's username (right
/// `can_edit_username`), checked like every username; absent or empty removes it.
enum SetBusinessAccountUsername: APIMethod {
    static let name = "setBusinessAccountUsername"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let raw = call.parameters["username"] ?? ""
        let username = raw.hasPrefix("@") ? String(raw.dropFirst()) : raw
        return try await BusinessProfiles.changeAccount(call, requiring: .editUsername) { account, tx in
            if username.isEmpty {
                account.username = nil
                return
            }
            try Usernames.validate(username, mustEndInBot: false)
            if username == account.username { throw APIError.badRequest("USERNAME_NOT_MODIFIED") }
            // The account's own username in another case is not taken by someone else.
            if username.lowercased() != account.username?.lowercased() { try Usernames.ensureFree(username, in: tx.store) }
            account.username = username
        }
    }
}
