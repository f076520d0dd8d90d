import BotAPI

/// `deleteMyCommands`: removes the list of one scope and language, so clients fall back to
/// the next one in ``CommandMenu``'s order.
enum DeleteMyCommands: APIMethod {
    static let name = "deleteMyCommands"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let target = try CommandListTarget(call)
        try await call.engine.write { tx in
            let (scope, language) = try target.resolve(in: tx.store)
            try BotCommandList.save([], bot: target.bot.id, scope: scope, language: language, in: tx.store)
        }
        return .true
    }
}
