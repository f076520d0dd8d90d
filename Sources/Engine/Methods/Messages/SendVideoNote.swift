import BotAPI

/// `sendVideoNote` for bots and users: a round video message (no caption).
enum SendVideoNote: APIMethod {
    static let name = "sendVideoNote"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await MediaSending.run(
            call, kind: .videoNote, parameter: "video_note",
            file: { (p: SendVideoNoteParameters) in p.videoNote },
            thumbnail: { $0.thumbnail },
            details: { MediaDetails(duration: $0.duration, length: $0.length) })
    }
}
