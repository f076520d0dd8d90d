import BotAPI

/// `sendVideo` for bots and users: a video with its size, duration, thumbnail and caption.
enum SendVideo: APIMethod {
    static let name = "sendVideo"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await MediaSending.run(
            call, kind: .video, parameter: "video",
            file: { (p: SendVideoParameters) in p.video },
            thumbnail: { $0.thumbnail },
            details: { MediaDetails(duration: $0.duration, width: $0.width, height: $0.height) })
    }
}
