import BotAPI
import Storage

/// `getMe`: the calling bot (with its capability flags) or user.
enum GetMe: APIMethod {
    static let name = "getMe"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let account = call.account
        guard account.isBot else { return MethodResult(Views.me(account)) }
        return MethodResult(try await call.engine.store.read { store in try view(account, in: store) })
    }

    /// A bot as getMe shows it: whether it may connect to business accounts, and the query
    /// kinds it takes (``BotQuerySupport``).
    static func view(_ account: AccountRecord, in store: any StoreReader) throws -> User {
        guard account.isBot else { return Views.me(account) }
        var user = Views.me(account, canConnectToBusiness: try BusinessConnections.canConnect(botID: account.id, in: store))
        let support = try BotQuerySupport.of(account.id, in: store)
        user.supportsGuestQueries = support.guestQueries
        user.supportsJoinRequestQueries = support.joinRequestQueries
        return user
    }
}
