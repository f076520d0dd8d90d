import BotAPI

/// `deleteEphemeralMessage`: deletes a message the bot sent to one member only; the
/// receiver's queue gets the user surface's `deleted_ephemeral_messages`. Answers True.
enum DeleteEphemeralMessage: APIMethod {
    static let name = "deleteEphemeralMessage"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: DeleteEphemeralMessageParameters = try call.decode()
        return try await EphemeralMessages.delete(
            call, chatID: p.chatId, receiverID: Int64(p.receiverUserId), ephemeralMessageID: p.ephemeralMessageId)
    }
}
