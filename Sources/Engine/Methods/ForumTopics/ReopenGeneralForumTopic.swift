import BotAPI

/// `reopenGeneralForumTopic` (bots and users); see TopicClosing.
enum ReopenGeneralForumTopic: APIMethod {
    static let name = "reopenGeneralForumTopic"
    static let surfaces: Set<Surface> = [.bot, .user]
    static func run(_ call: MethodCall) async throws -> MethodResult { try await TopicClosing.set(closed: false, general: true, call) }
}
