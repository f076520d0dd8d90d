import BotAPI
import Storage

/// `approveChatJoinRequest` (bots and users): the requester becomes a member, with
/// `via_join_request` and the link in the member updates.
enum ApproveChatJoinRequest: APIMethod {
    static let name = "approveChatJoinRequest"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await JoinRequests.answer(call, approve: true)
    }
}
