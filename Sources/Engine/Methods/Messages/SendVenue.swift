import BotAPI
import Storage

/// `sendVenue` for bots and users. Venue messages carry both `venue` and `location`, as the
/// official server sends them.
enum SendVenue: APIMethod {
    static let name = "sendVenue"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try LiveLocations.requireCoordinates(call.parameters)
        let p: SendVenueParameters = try call.decode()
        let message = try await call.send(
            to: p.chatId, replyMarkup: p.replyMarkup, replyParameters: p.replyParameters, protectContent: p.protectContent,
            ephemeral: try EphemeralMessages.target(p.ephemeralMessageParameters, in: call)
        ) { message, _ in
            let location = try LiveLocations.location(
                latitude: p.latitude, longitude: p.longitude, horizontalAccuracy: nil, livePeriod: 0, heading: 0, proximityAlertRadius: 0)
            message.venue = Venue(
                location: location, title: p.title, address: p.address, foursquareId: p.foursquareId,
                foursquareType: p.foursquareType, googlePlaceId: p.googlePlaceId, googlePlaceType: p.googlePlaceType)
            message.location = location
        }
        return MethodResult(message)
    }
}
