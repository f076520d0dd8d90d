import BotAPI
import Storage

/// `forwardMessages` for bots and users: 1–100 messages forwarded in id order; missing and
/// unforwardable ones are skipped. Answers their new ids.
enum ForwardMessages: APIMethod {
    static let name = "forwardMessages"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await Forwarding.runMany(call, copying: false)
    }
}
