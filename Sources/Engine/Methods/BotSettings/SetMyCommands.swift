import BotAPI

/// `setMyCommands`: the command list for one scope and language. An empty list deletes it.
///
/// Parameters are read raw rather than through `SetMyCommandsParameters`: a missing
/// `commands` is an empty list, not an error, and every parse step has its own official
/// description (behaviour.md §2.14). The checks run in the official order: commands JSON,
/// scope JSON, the scope's chat, the language, then each command.
enum SetMyCommands: APIMethod {
    static let name = "setMyCommands"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let commands = try BotCommandList.parse(call.parameters["commands"])
        let target = try CommandListTarget(call)
        try await call.engine.write { tx in
            let (scope, language) = try target.resolve(in: tx.store)
            let validated = try BotCommandList.validated(commands)
            try BotCommandList.save(validated, bot: target.bot.id, scope: scope, language: language, in: tx.store)
        }
        return .true
    }
}
