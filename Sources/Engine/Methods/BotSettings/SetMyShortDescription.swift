import BotAPI

/// `setMyShortDescription`: the bot's short description for one language (or the default one); see ``BotProfileText``.
enum SetMyShortDescription: APIMethod {
    static let name = "setMyShortDescription"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: SetMyShortDescriptionParameters = try call.decode()
        return try await BotProfileText.shortDescription.runSetter(call, value: p.shortDescription, languageCode: p.languageCode)
    }
}
