import BotAPI

/// `getMyDefaultAdministratorRights`: the rights set for groups, or with `for_channels` for
/// channels; all false until set.
enum GetMyDefaultAdministratorRights: APIMethod {
    static let name = "getMyDefaultAdministratorRights"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: GetMyDefaultAdministratorRightsParameters = try call.decode()
        let bot = call.account.id
        let rights = try await call.engine.store.read { store in
            try DefaultAdministratorRights.load(bot: bot, forChannels: p.forChannels ?? false, in: store)
        }
        return MethodResult(rights)
    }
}
