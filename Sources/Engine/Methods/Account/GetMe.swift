import BotAPI

/// `getMe`: the calling bot (with its capability flags) or user.
enum GetMe: APIMethod {
    static let name = "getMe"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let account = call.account
        guard account.isBot else { return MethodResult(Views.me(account)) }
        let business = try await call.engine.store.read { try BusinessConnections.canConnect(botID: account.id, in: $0) }
        return MethodResult(Views.me(account, canConnectToBusiness: business))
    }
}
