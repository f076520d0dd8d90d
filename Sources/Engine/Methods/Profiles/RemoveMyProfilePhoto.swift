import BotAPI
import Storage

/// `removeMyProfilePhoto`: removes the bot's current profile photo; the previous one, if
/// any, becomes current.
enum RemoveMyProfilePhoto: APIMethod {
    static let name = "removeMyProfilePhoto"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let bot = call.account
        try await call.engine.write { tx in
            if let current = try tx.store.profilePhotos(accountID: bot.id, offset: 0, limit: 1).first {
                try tx.store.deleteProfilePhoto(id: current.id)
            }
        }
        return .true
    }
}
