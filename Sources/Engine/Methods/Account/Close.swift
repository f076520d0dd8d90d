import BotAPI

/// `close`: the official server closes the bot instance before it moves to another server;
/// here the world stays as it is, so it only answers `true`.
enum Close: APIMethod {
    static let name = "close"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        .true
    }
}
