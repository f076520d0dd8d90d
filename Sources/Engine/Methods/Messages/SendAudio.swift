import BotAPI

/// `sendAudio` for bots and users: music with duration, performer, title and thumbnail.
enum SendAudio: APIMethod {
    static let name = "sendAudio"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await MediaSending.run(
            call, kind: .audio, parameter: "audio",
            file: { (p: SendAudioParameters) in p.audio },
            thumbnail: { $0.thumbnail },
            details: { MediaDetails(duration: $0.duration, performer: $0.performer, title: $0.title) })
    }
}
