import BotAPI

/// `setMyDescription`: the bot's description for one language (or the default one); see ``BotProfileText``.
enum SetMyDescription: APIMethod {
    static let name = "setMyDescription"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: SetMyDescriptionParameters = try call.decode()
        return try await BotProfileText.description.runSetter(call, value: p.description, languageCode: p.languageCode)
    }
}
