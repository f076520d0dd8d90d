import BotAPI

/// `deleteMessages`: deletes up to 100 messages of one chat; ids that don't exist, or that
/// the caller may not delete, are skipped.
enum DeleteMessages: APIMethod {
    static let name = "deleteMessages"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try MessageDeletion.chatID(of: call)
        let messageIDs = try Forwarding.messageIDs(call.parameters["message_ids"])
        try await MessageDeletion.delete(messageIDs, in: chatID, by: call.account, strict: false, engine: call.engine)
        return .true
    }
}
