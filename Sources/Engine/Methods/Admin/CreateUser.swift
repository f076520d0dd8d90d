import BotAPI
import Storage

/// `createUser` (admin): a new person with a token for the user surface.
enum CreateUser: APIMethod {
    static let name = "createUser"
    static let surfaces: Set<Surface> = [.admin]

    struct Parameters: Decodable {
        let first_name: String
        let last_name: String?
        let username: String?
        let language_code: String?
        let is_premium: Bool?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        if let username = p.username { try Usernames.validate(username, mustEndInBot: false) }
        let account = try await call.engine.write { tx in
            if let username = p.username { try Usernames.ensureFree(username, in: tx.store) }
            return try tx.store.insert(AccountRecord(
                isBot: false, firstName: p.first_name, lastName: p.last_name, username: p.username,
                languageCode: p.language_code, isPremium: p.is_premium ?? false, tokenSecret: Engine.makeTokenSecret(),
                createdAt: tx.now))
        }
        return MethodResult(AccountWithToken(account))
    }
}
