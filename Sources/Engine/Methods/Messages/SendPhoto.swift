import BotAPI

/// `sendPhoto` for bots and users: an image (upload, `file_id` or URL) with a caption.
enum SendPhoto: APIMethod {
    static let name = "sendPhoto"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await MediaSending.run(
            call, kind: .photo, parameter: "photo",
            file: { (p: SendPhotoParameters) in p.photo })
    }
}
