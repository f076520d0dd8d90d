import BotAPI
import Storage

/// `sendLocation` for bots and users: a point, or a live location when `live_period` is set.
enum SendLocation: APIMethod {
    static let name = "sendLocation"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try LiveLocations.requireCoordinates(call.parameters)
        let p: SendLocationParameters = try call.decode()
        // TDLib checks the location once the chat is known.
        let message = try await call.send(
            to: p.chatId, replyMarkup: p.replyMarkup, replyParameters: p.replyParameters, protectContent: p.protectContent,
            ephemeral: try EphemeralMessages.target(p.ephemeralMessageParameters, in: call)
        ) { message, _ in
            message.location = try LiveLocations.location(
                latitude: p.latitude, longitude: p.longitude, horizontalAccuracy: p.horizontalAccuracy,
                livePeriod: p.livePeriod ?? 0, heading: p.heading ?? 0, proximityAlertRadius: p.proximityAlertRadius ?? 0)
        }
        return MethodResult(message)
    }
}

/// Locations and live locations, checked as TDLib checks them.
enum LiveLocations {
    /// `live_period` for a live location that never ends.
    static let forever = 0x7FFF_FFFF

    /// "latitude is empty" / "longitude is empty", checked before anything else.
    static func requireCoordinates(_ parameters: Parameters) throws {
        if parameters["latitude"] == nil { throw APIError.badRequest("latitude is empty") }
        if parameters["longitude"] == nil { throw APIError.badRequest("longitude is empty") }
    }

    /// A location from the call's values. `live_period` 0 is a plain location; otherwise it
    /// is 60–86400 seconds or ``forever``, with a heading of 1–360 (0: unknown) and an alert
    /// radius of 0–100000 meters. `horizontal_accuracy` is clamped to 0–1500 meters.
    static func location(
        latitude: Double, longitude: Double, horizontalAccuracy: Double?, livePeriod: Int, heading: Int, proximityAlertRadius: Int
    ) throws -> Location {
        guard latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 180 else {
            throw APIError.badRequest("wrong location specified")
        }
        if livePeriod != 0 && livePeriod != forever && !(60...86400).contains(livePeriod) {
            throw APIError.badRequest("wrong live location period specified")
        }
        if heading != 0 && !(1...360).contains(heading) { throw APIError.badRequest("wrong live location heading specified") }
        if !(0...100_000).contains(proximityAlertRadius) {
            throw APIError.badRequest("wrong live location proximity alert radius specified")
        }
        let accuracy = min(max(horizontalAccuracy ?? 0, 0), 1500)
        let live = livePeriod != 0
        return Location(
            latitude: latitude, longitude: longitude, horizontalAccuracy: accuracy > 0 ? accuracy : nil,
            livePeriod: live ? livePeriod : nil, heading: live && heading != 0 ? heading : nil,
            proximityAlertRadius: live && proximityAlertRadius != 0 ? proximityAlertRadius : nil)
    }

    /// Whether a location sent at `sentAt` can still be updated at `now`.
    static func isActive(_ location: Location, sentAt: Int, now: Int64) -> Bool {
        guard let period = location.livePeriod else { return false }
        return period == forever || Int64(sentAt) + Int64(period) > now
    }

    /// A location sent again (forwarded or copied): only the point, the live part stays with
    /// the original message.
    static func sentAgain(_ location: Location) -> Location {
        Location(latitude: location.latitude, longitude: location.longitude, horizontalAccuracy: location.horizontalAccuracy)
    }
}
