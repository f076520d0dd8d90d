import BotAPI

/// `closeForumTopic` (bots and users); see ``TopicClosing``.
enum CloseForumTopic: APIMethod {
    static let name = "closeForumTopic"
    static let surfaces: Set<Surface> = [.bot, .user]
    static func run(_ call: MethodCall) async throws -> MethodResult { try await TopicClosing.set(closed: true, general: false, call) }
}
