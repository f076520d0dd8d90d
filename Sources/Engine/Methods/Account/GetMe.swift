import BotAPI

/// `getMe`: the calling bot (with its capability flags) or user.
enum GetMe: APIMethod {
    static let name = "getMe"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        MethodResult(Views.me(call.account))
    }
}
