import BotAPI

/// `closeGeneralForumTopic` (bots and users); see TopicClosing.
enum CloseGeneralForumTopic: APIMethod {
    static let name = "closeGeneralForumTopic"
    static let surfaces: Set<Surface> = [.bot, .user]
    static func run(_ call: MethodCall) async throws -> MethodResult { try await TopicClosing.set(closed: true, general: true, call) }
}
