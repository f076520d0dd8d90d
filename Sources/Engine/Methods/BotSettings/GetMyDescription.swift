import BotAPI

/// `getMyDescription`: the bot's description for a language, falling back to the default one.
enum GetMyDescription: APIMethod {
    static let name = "getMyDescription"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: GetMyDescriptionParameters = try call.decode()
        let text = try await BotProfileText.description.runGetter(call, languageCode: p.languageCode)
        return MethodResult(BotDescription(description: text))
    }
}
