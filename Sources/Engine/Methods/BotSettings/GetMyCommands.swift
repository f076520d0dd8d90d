import BotAPI

/// `getMyCommands`: the list set for exactly this scope and language, `[]` if none. No
/// fallback to other scopes or languages, as on the Bot API; clients resolve with
/// ``CommandMenu`` (see `getBotCommands`).
enum GetMyCommands: APIMethod {
    static let name = "getMyCommands"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let target = try CommandListTarget(call)
        let commands = try await call.engine.store.read { store in
            let (scope, language) = try target.resolve(in: store)
            return try BotCommandList.load(bot: target.bot.id, scope: scope, language: language, in: store) ?? []
        }
        return MethodResult(commands)
    }
}
