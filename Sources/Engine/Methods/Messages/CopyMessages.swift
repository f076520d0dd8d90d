import BotAPI
import Storage

/// `copyMessages` for bots and users: 1–100 messages sent again without a link to the
/// originals, optionally without their captions. Answers their new ids.
enum CopyMessages: APIMethod {
    static let name = "copyMessages"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await Forwarding.runMany(call, copying: true)
    }
}
