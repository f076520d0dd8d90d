import BotAPI
import Storage

/// `declineChatJoinRequest` (bots and users): drops the request; the user stays out.
enum DeclineChatJoinRequest: APIMethod {
    static let name = "declineChatJoinRequest"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await JoinRequests.answer(call, approve: false)
    }
}
