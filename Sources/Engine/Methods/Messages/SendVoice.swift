import BotAPI

/// `sendVoice` for bots and users: a voice note with its duration and a caption.
enum SendVoice: APIMethod {
    static let name = "sendVoice"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await MediaSending.run(
            call, kind: .voice, parameter: "voice",
            file: { (p: SendVoiceParameters) in p.voice },
            details: { MediaDetails(duration: $0.duration) })
    }
}
