import BotAPI

/// `getMyName`: the bot's name for a language, falling back to the default one.
enum GetMyName: APIMethod {
    static let name = "getMyName"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: GetMyNameParameters = try call.decode()
        let text = try await BotProfileText.name.runGetter(call, languageCode: p.languageCode)
        return MethodResult(BotName(name: text))
    }
}
