import BotAPI

/// `setMyName`: the bot's name for one language (or the default one); see ``BotProfileText``.
enum SetMyName: APIMethod {
    static let name = "setMyName"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: SetMyNameParameters = try call.decode()
        return try await BotProfileText.name.runSetter(call, value: p.name, languageCode: p.languageCode)
    }
}
