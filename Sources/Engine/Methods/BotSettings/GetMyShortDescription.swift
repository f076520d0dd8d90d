import BotAPI

/// `getMyShortDescription`: the bot's short description for a language, falling back to the default one.
enum GetMyShortDescription: APIMethod {
    static let name = "getMyShortDescription"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: GetMyShortDescriptionParameters = try call.decode()
        let text = try await BotProfileText.shortDescription.runGetter(call, languageCode: p.languageCode)
        return MethodResult(BotShortDescription(shortDescription: text))
    }
}
