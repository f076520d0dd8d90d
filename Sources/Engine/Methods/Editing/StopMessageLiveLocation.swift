import BotAPI
import Storage

/// `stopMessageLiveLocation` for bots and users: ends an active live location the caller
/// sent, leaving the last point; the other side gets `edited_message`.
enum StopMessageLiveLocation: APIMethod {
    static let name = "stopMessageLiveLocation"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try LiveLocationEdits.requireTarget(call.parameters)
        let p: StopMessageLiveLocationParameters = try call.decode()
        let message = try await LiveLocationEdits.edit(call, chatID: p.chatId, messageID: p.messageId, replyMarkup: p.replyMarkup) { current, _ in
            Location(latitude: current.latitude, longitude: current.longitude, horizontalAccuracy: current.horizontalAccuracy)
        }
        return MethodResult(message)
    }
}
