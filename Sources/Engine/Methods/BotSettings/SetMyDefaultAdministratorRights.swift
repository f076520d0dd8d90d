import BotAPI

/// `setMyDefaultAdministratorRights`: the rights the bot asks for when added to groups, or
/// with `for_channels` to channels. Absent `rights` clears them.
enum SetMyDefaultAdministratorRights: APIMethod {
    static let name = "setMyDefaultAdministratorRights"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let forChannels = LenientParse.bool(call.parameters["for_channels"] ?? "")
        let rights = try DefaultAdministratorRights.parse(call.parameters["rights"], forChannels: forChannels)
        let bot = call.account.id
        try await call.engine.write { tx in try rights.save(bot: bot, in: tx.store) }
        return .true
    }
}
