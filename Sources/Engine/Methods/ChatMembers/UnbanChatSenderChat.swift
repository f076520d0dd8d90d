import BotAPI

/// `unbanChatSenderChat` (bots and users, as a chat administrator): lifts a
/// `banChatSenderChat` ban.
enum UnbanChatSenderChat: APIMethod {
    static let name = "unbanChatSenderChat"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await Moderation.setSenderChatBan(call, banned: false)
    }
}
