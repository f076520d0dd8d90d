import BotAPI
import Storage

/// `stopMessageLiveLocation` for bots and users: ends an active live location the caller
/// sent, leaving the last point; the other side gets `edited_message`.
enum StopMessageLiveLocation: APIMethod {
    static let name = "stopMessageLiveLocation"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let target = try MessageEditing.target(of: call)
        let p: StopMessageLiveLocationParameters = try call.decode()
        return try await LiveLocationEdits.edit(call, target: target, replyMarkup: p.replyMarkup, stops: true) { current in
            Location(latitude: current.latitude, longitude: current.longitude, horizontalAccuracy: current.horizontalAccuracy)
        }
    }
}
