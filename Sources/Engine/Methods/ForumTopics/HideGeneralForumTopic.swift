import BotAPI

/// `hideGeneralForumTopic` (bots and users).
enum HideGeneralForumTopic: APIMethod {
    static let name = "hideGeneralForumTopic"
    static let surfaces: Set<Surface> = [.bot, .user]
    static func run(_ call: MethodCall) async throws -> MethodResult { try await GeneralTopicVisibility.set(hidden: true, call) }
}
