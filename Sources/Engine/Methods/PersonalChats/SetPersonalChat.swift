import BotAPI
import Storage

/// `setPersonalChat` (users): shows a public channel the user owns on their profile (its
/// posts are what bots read with `getUserPersonalChatMessages`); without `chat_id`, or with
/// 0, removes it.
enum SetPersonalChat: APIMethod {
    static let name = "setPersonalChat"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let chat_id: ChatID?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let chatID: ChatID? = if case .id(0) = p.chat_id { nil } else { p.chat_id }
        let user = call.account
        try await call.engine.write { tx in try PersonalChats.set(chatID, for: user, in: tx) }
        return .true
    }
}
