import BotAPI

/// `banChatSenderChat` (bots and users, as a chat administrator): bans a channel or group
/// from posting in a supergroup or channel on behalf of itself.
enum BanChatSenderChat: APIMethod {
    static let name = "banChatSenderChat"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await Moderation.setSenderChatBan(call, banned: true)
    }
}
