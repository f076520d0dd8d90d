import BotAPI
import Foundation
import Storage

/// `editMessageLiveLocation` for bots and users: moves an active live location the caller
/// sent; the other side gets `edited_message`.
enum EditMessageLiveLocation: APIMethod {
    static let name = "editMessageLiveLocation"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try LiveLocations.requireCoordinates(call.parameters)
        let target = try MessageEditing.target(of: call)
        let p: EditMessageLiveLocationParameters = try call.decode()
        return try await LiveLocationEdits.edit(call, target: target, replyMarkup: p.replyMarkup, stops: false) { current in
            try LiveLocations.location(
                latitude: p.latitude, longitude: p.longitude, horizontalAccuracy: p.horizontalAccuracy,
                livePeriod: p.livePeriod ?? current.livePeriod ?? 0, heading: p.heading ?? 0,
                proximityAlertRadius: p.proximityAlertRadius ?? 0)
        }
    }
}

/// What editing and stopping a live location share, on top of ``MessageEditing``: TDLib's
/// checks that the message has a live location that is still active.
enum LiveLocationEdits {
    /// Marks a stopped live location (a message choice of the sender): its message shows a
    /// plain point, but it is still a live location that "can't be edited", where a plain
    /// location has "no live location" to edit.
    static let stoppedKind = "live_location_stopped"

    /// Replaces the active live location of the caller's message with what `change` makes
    /// of it (`stops`: for the last time); ``MessageEditing/edit(_:target:replyMarkup:change:)``
    /// does the rest.
    static func edit(
        _ call: MethodCall, target: MessageEditing.Target, replyMarkup: InlineKeyboardMarkup?, stops: Bool,
        change: @escaping @Sendable (Location) throws -> Location
    ) async throws -> MethodResult {
        let now = call.engine.clock.now()
        let caller = call.account
        let business = call.businessConnectionID
        return try await MessageEditing.edit(call, target: target, replyMarkup: replyMarkup) { message, store in
            guard let current = message.location, message.venue == nil else {
                throw APIError.badRequest("there is no live location in the message to edit")
            }
            // The stop marker is kept for chat messages; an inline message's stopped location
            // reads as a plain one.
            // The marker is the sender's: with a business connection, the business account's.
            var stopKey: (chat: ChatRecord, messageID: Int, senderID: Int64)?
            if case .message(let chatID, let messageID) = target {
                if let business {
                    let found = try BusinessMessages.chat(chatID, connectionID: business, bot: caller, requiring: .reply, in: store)
                    stopKey = (found.chat, messageID, found.access.user.id)
                } else {
                    stopKey = (try ChatMessages.chat(chatID, viewer: caller, in: store), messageID, caller.id)
                }
            }
            guard current.livePeriod != nil else {
                let stopped = try stopKey.flatMap { key in
                    try store.choice(chatID: key.chat.id, messageID: Int64(key.messageID), actorID: key.senderID, kind: stoppedKind)
                }
                throw APIError.badRequest(stopped == nil ? "there is no live location in the message to edit" : "message can't be edited")
            }
            guard LiveLocations.isActive(current, sentAt: message.date, now: now) else {
                throw APIError.badRequest("message can't be edited")
            }
            message.location = try change(current)
            if stops, let key = stopKey {
                try store.save(MessageChoiceRecord(
                    chatID: key.chat.id, messageID: Int64(key.messageID), actorID: key.senderID, kind: stoppedKind,
                    value: Data("true".utf8), date: now))
            }
        }
    }
}
