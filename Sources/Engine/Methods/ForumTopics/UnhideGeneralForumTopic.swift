import BotAPI

/// `unhideGeneralForumTopic` (bots and users).
enum UnhideGeneralForumTopic: APIMethod {
    static let name = "unhideGeneralForumTopic"
    static let surfaces: Set<Surface> = [.bot, .user]
    static func run(_ call: MethodCall) async throws -> MethodResult { try await GeneralTopicVisibility.set(hidden: false, call) }
}
