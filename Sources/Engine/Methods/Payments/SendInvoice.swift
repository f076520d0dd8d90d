import BotAPI
import Storage

/// `sendInvoice` (bots): an invoice message in a private chat, group or channel. The terms
/// are checked as the official server, TDLib and Telegram check them (see ``InvoiceRules``)
/// before the chat; the message shows the `invoice`, and the terms stay with it for
/// `payInvoice`.
enum SendInvoice: APIMethod {
    static let name = "sendInvoice"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let terms = try InvoiceRules.terms(from: call.parameters, allowsSubscription: false)
        let p: SendInvoiceParameters = try call.decode()
        let bot = call.account
        let legacyReply = call.parameters["reply_to_message_id"].map(LenientParse.integer)
        let message = try await call.engine.write { tx in
            let destination = try Outbox.destination(p.chatId, from: bot, in: tx.store)
            var draft = MessageDraft(
                replyMarkup: p.replyMarkup.map(ReplyMarkup.inlineKeyboard), replyParameters: p.replyParameters,
                legacyReplyToMessageID: legacyReply, protectContent: p.protectContent ?? false
            ) { message in
                message.invoice = terms.invoice
            }
            draft.effectID = p.messageEffectId
            draft.threadID = call.messageThreadID
            let sent = try Outbox.send(draft, to: destination, from: bot, in: tx)
            _ = try tx.store.insert(InvoiceRecord(
                botID: bot.id, chatID: try Invoices.internalChatID(of: destination, sender: bot, in: tx.store),
                messageID: Int64(sent.messageId), terms: terms.encoded))
            return sent
        }
        return MethodResult(message)
    }
}
