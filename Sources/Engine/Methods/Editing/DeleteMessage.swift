import BotAPI

/// `deleteMessage`: deletes one message for both sides of the chat.
enum DeleteMessage: APIMethod {
    static let name = "deleteMessage"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try MessageDeletion.chatID(of: call)
        guard let messageID = call.parameters["message_id"].map(LenientParse.integer), messageID != 0 else {
            throw APIError.badRequest("message identifier is not specified")
        }
        guard messageID > 0 else { throw APIError.badRequest("message to delete not found") }
        try await MessageDeletion.delete([messageID], in: chatID, by: call.account, strict: true, engine: call.engine)
        return .true
    }
}
