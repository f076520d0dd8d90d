import BotAPI
import Storage

/// `deleteBusinessMessages`: deletes messages of one chat of the business account, for both
/// sides: the bot's own with `can_delete_sent_messages`, any with `can_delete_all_messages`.
/// The call names no chat; the messages must all be in one of the account's chats with a
/// person (``BusinessMessages/chat(containing:of:in:)``).
enum DeleteBusinessMessages: APIMethod {
    static let name = "deleteBusinessMessages"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let messageIDs = try Forwarding.messageIDs(call.parameters["message_ids"])
        let bot = call.account
        let id = call.businessConnectionID
        try await call.engine.write { tx in
            let access = try BusinessConnections.resolve(id, bot: bot, in: tx.store)
            try access.require(access.has(.deleteAllMessages) ? .deleteAllMessages : .deleteSentMessages)
            guard let (chat, messages) = try BusinessMessages.chat(containing: messageIDs, of: access.user, in: tx.store) else {
                throw APIError.badRequest("message to delete not found")
            }
            // Without can_delete_all_messages, only what this bot sent for the account.
            if !access.has(.deleteAllMessages), messages.contains(where: { $0.message.senderBusinessBot?.id != Int(bot.id) }) {
                throw BusinessConnections.accessForbidden
            }
            for stored in messages { try tx.store.deleteMessage(chatID: chat.id, messageID: stored.record.messageID) }
            let ids = messages.map { Int($0.record.messageID) }
            // Both people see them go: the account did not delete them itself.
            let people = try [access.user] + ChatMessages.otherMembers(of: chat, besides: access.user, in: tx.store)
            try MessageDeletion.announce(ids, of: messages[messages.count - 1].message, in: chat, to: people, tx: tx)
            try BusinessMessages.announceDeletion(ids, in: chat, tx: tx)
        }
        return .true
    }
}
