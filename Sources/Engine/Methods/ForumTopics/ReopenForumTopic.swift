import BotAPI

/// `reopenForumTopic` (bots and users); see TopicClosing.
enum ReopenForumTopic: APIMethod {
    static let name = "reopenForumTopic"
    static let surfaces: Set<Surface> = [.bot, .user]
    static func run(_ call: MethodCall) async throws -> MethodResult { try await TopicClosing.set(closed: false, general: false, call) }
}
