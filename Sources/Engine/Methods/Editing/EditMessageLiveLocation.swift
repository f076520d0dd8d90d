import BotAPI
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
        return try await LiveLocationEdits.edit(call, target: target, replyMarkup: p.replyMarkup) { current in
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
    /// Replaces the active live location of the caller's message with what `change` makes
    /// of it; ``MessageEditing/edit(_:target:replyMarkup:change:)`` does the rest.
    static func edit(
        _ call: MethodCall, target: MessageEditing.Target, replyMarkup: InlineKeyboardMarkup?,
        change: @escaping @Sendable (Location) throws -> Location
    ) async throws -> MethodResult {
        let now = call.engine.clock.now()
        return try await MessageEditing.edit(call, target: target, replyMarkup: replyMarkup) { message, _ in
            guard let current = message.location, current.livePeriod != nil, message.venue == nil else {
                throw APIError.badRequest("there is no live location in the message to edit")
            }
            guard LiveLocations.isActive(current, sentAt: message.date, now: now) else {
                throw APIError.badRequest("message can't be edited")
            }
            message.location = try change(current)
        }
    }
}
