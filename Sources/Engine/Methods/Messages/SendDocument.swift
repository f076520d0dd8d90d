import BotAPI

/// `sendDocument` for bots and users: any file, with an optional thumbnail and caption.
enum SendDocument: APIMethod {
    static let name = "sendDocument"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await MediaSending.run(
            call, kind: .document, parameter: "document",
            file: { (p: SendDocumentParameters) in p.document },
            thumbnail: { $0.thumbnail })
    }
}
