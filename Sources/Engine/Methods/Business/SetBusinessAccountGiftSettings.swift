import BotAPI
import Storage

/// `setBusinessAccountGiftSettings`: whether the business account's profile shows the gift
/// button and which gifts it accepts (right `can_change_gift_settings`; ``GiftSettings``).
/// Gifts of a kind it refuses can't be sent to it from then on, and `getChat` shows the
/// kinds as `accepted_gift_types`.
enum SetBusinessAccountGiftSettings: APIMethod {
    static let name = "setBusinessAccountGiftSettings"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let bot = call.account
        let id = call.businessConnectionID
        let showGiftButton = call.parameters["show_gift_button"].map(LenientParse.bool) ?? false
        // The official server reads the types before it looks at the connection.
        let accepted = try GiftSettings.parse(call.parameters["accepted_gift_types"])
        try await call.engine.write { tx in
            let access = try BusinessConnections.resolve(id, bot: bot, requiring: .changeGiftSettings, in: tx.store)
            try GiftSettings.set(showGiftButton: showGiftButton, accepted: accepted, for: access.user.id, in: tx.store)
        }
        return .true
    }
}
