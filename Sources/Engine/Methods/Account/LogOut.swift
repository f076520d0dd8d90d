import BotAPI

/// `logOut`: on the official server this ends the bot's session and deletes its instance,
/// including its pending updates; a standalone server has no cloud to log out from, so it
/// answers `true` and drops the pending updates the same way.
enum LogOut: APIMethod {
    static let name = "logOut"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let id = call.account.id
        try await call.engine.write { tx in try tx.store.deleteAllUpdates(recipientID: id) }
        call.engine.hub.endParkedCall(of: id)
        return .true
    }
}
