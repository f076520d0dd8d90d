import BotAPI
import Storage

/// `editMessageChecklist`: a bot replaces the checklist of a message it sent for a business
/// account (`business_connection_id`, right `can_reply`). The person in the chat and the
/// account get `edited_message`; tasks that keep their id keep their completion.
enum EditMessageChecklist: APIMethod {
    static let name = "editMessageChecklist"
    static let surfaces: Set<Surface> = [.bot]

    struct Parameters: Decodable {
        let reply_markup: InlineKeyboardMarkup?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        // The official order: the keyboard, then the checklist, then the chat and message.
        try MessageEditing.requireInlineMarkup(in: call)
        let p: Parameters = try call.decode()
        let input = try ChecklistInput.checklist(call.parameters["checklist"])
        let chatID: ChatID, messageID: Int
        if call.businessConnectionID != nil {
            chatID = try BusinessMessages.chatID(of: call)
            messageID = call.parameters["message_id"].map(LenientParse.integer) ?? 0
        } else {
            // Without a connection it is an ordinary edit (no bot's own message is a checklist).
            guard case .message(let chat, let message) = try MessageEditing.target(of: call) else {
                throw APIError.badRequest("message identifier is not specified")
            }
            (chatID, messageID) = (chat, message)
        }
        return try await MessageEditing.edit(call, chatID: chatID, messageID: messageID, replyMarkup: p.reply_markup) { message, _ in
            guard let old = message.checklist else { throw APIError.badRequest("there is no checklist in the message to edit") }
            message.checklist = Checklists.replacing(old, with: try Checklists.checklist(input))
        }
    }
}
