import BotAPI
import Storage

/// `sendChecklist`: a bot sends a checklist for a business account it is connected to
/// (`business_connection_id`, right `can_reply`) into the account's private chat with a
/// person. The message is the account's and carries `checklist`.
enum SendChecklist: APIMethod {
    static let name = "sendChecklist"
    static let surfaces: Set<Surface> = [.bot]

    /// The parameters besides `checklist` and `chat_id`, which are read with the official
    /// server's own checks.
    struct Parameters: Decodable {
        let reply_parameters: ReplyParameters?
        let reply_markup: ReplyMarkup?
        let protect_content: Bool?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        // The official server reads the checklist before anything else.
        let input = try ChecklistInput.checklist(call.parameters["checklist"])
        let p: Parameters = try call.decode()
        let business = call.businessConnectionID
        let chatID = try business == nil ? Checklists.chatID(of: call) : BusinessMessages.chatID(of: call)
        let message = try await call.send(
            to: chatID, replyMarkup: p.reply_markup, replyParameters: p.reply_parameters, protectContent: p.protect_content
        ) { message, _ in
            message.checklist = try Checklists.checklist(input)
            // Only business accounts send checklists for bots: Telegram refuses a bot's own
            // (a guess at its answer: checklists are a Premium feature bots don't have).
            guard business != nil else { throw APIError.badRequest("PREMIUM_ACCOUNT_REQUIRED") }
        }
        return MethodResult(message)
    }
}
