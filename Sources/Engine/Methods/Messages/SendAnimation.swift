import BotAPI

/// `sendAnimation` for bots and users: a GIF or silent video, with a caption.
enum SendAnimation: APIMethod {
    static let name = "sendAnimation"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await MediaSending.run(
            call, kind: .animation, parameter: "animation",
            file: { (p: SendAnimationParameters) in p.animation },
            thumbnail: { $0.thumbnail },
            details: { MediaDetails(duration: $0.duration, width: $0.width, height: $0.height) })
    }
}
