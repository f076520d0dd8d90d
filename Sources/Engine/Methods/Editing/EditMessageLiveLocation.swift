import BotAPI
import Storage

/// `editMessageLiveLocation` for bots and users: moves an active live location the caller
/// sent; the other side gets `edited_message`.
enum EditMessageLiveLocation: APIMethod {
    static let name = "editMessageLiveLocation"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try LiveLocations.requireCoordinates(call.parameters)
        try LiveLocationEdits.requireTarget(call.parameters)
        let p: EditMessageLiveLocationParameters = try call.decode()
        let message = try await LiveLocationEdits.edit(call, chatID: p.chatId, messageID: p.messageId, replyMarkup: p.replyMarkup) { current, sentAt in
            try LiveLocations.location(
                latitude: p.latitude, longitude: p.longitude, horizontalAccuracy: p.horizontalAccuracy,
                livePeriod: p.livePeriod ?? current.livePeriod ?? 0, heading: p.heading ?? 0,
                proximityAlertRadius: p.proximityAlertRadius ?? 0)
        }
        return MethodResult(message)
    }
}

/// What editing and stopping a live location share: finding the message, TDLib's checks,
/// and telling the other side.
enum LiveLocationEdits {
    /// The official checks on how the message is named (behaviour.md §2.10). Inline
    /// messages don't exist on this server.
    static func requireTarget(_ parameters: Parameters) throws {
        let chatID = parameters["chat_id"], messageID = parameters["message_id"]
        if chatID == nil && messageID == nil {
            if parameters["inline_message_id"] != nil { throw APIError.badRequest("MESSAGE_ID_INVALID") }
            throw APIError.badRequest("message identifier is not specified")
        }
        if chatID == nil { throw APIError.badRequest("chat_id is empty") }
        guard let messageID, LenientParse.integer(messageID) > 0 else { throw APIError.badRequest("message to edit not found") }
    }

    /// Replaces the active live location of the caller's message with what `change` makes
    /// of it (given the current location and the send date), sets the keyboard (an edit
    /// without one removes it) and tells the other members.
    static func edit(
        _ call: MethodCall, chatID: ChatID?, messageID: Int?, replyMarkup: InlineKeyboardMarkup?,
        change: @escaping @Sendable (Location, Int) throws -> Location
    ) async throws -> Message {
        let actor = call.account
        return try await call.engine.write { tx in
            guard let chatID, let messageID else { throw APIError.badRequest("message to edit not found") }
            let chat = try ChatMessages.chat(chatID, viewer: actor, in: tx.store)
            guard var stored = try ChatMessages.load(messageID, in: chat, from: tx.store) else {
                throw APIError.badRequest("message to edit not found")
            }
            guard stored.record.senderID == actor.id else { throw APIError.badRequest("message can't be edited") }
            guard let current = stored.message.location, current.livePeriod != nil, stored.message.venue == nil else {
                throw APIError.badRequest("there is no live location in the message to edit")
            }
            guard LiveLocations.isActive(current, sentAt: stored.message.date, now: tx.now) else {
                throw APIError.badRequest("message can't be edited")
            }
            let location = try change(current, stored.message.date)
            let markup = try replyMarkup.flatMap { actor.isBot ? try Keyboards.validated($0) : nil }
            if location == current && markup == stored.message.replyMarkup {
                throw APIError.badRequest(
                    "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
            }
            stored.message.location = location
            stored.message.replyMarkup = markup
            stored.message.editDate = Int(tx.now)
            try ChatMessages.save(stored, in: tx.store)
            try ChatMessages.announceEdit(stored.message, in: chat, by: actor, tx: tx)
            return stored.message
        }
    }
}
