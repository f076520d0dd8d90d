import BotAPI
import Storage

/// `getBusinessConnection`: a connection of the calling bot by its id, enabled or not.
enum GetBusinessConnection: APIMethod {
    static let name = "getBusinessConnection"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let bot = call.account
        let id = call.parameters["business_connection_id"]
        let access = try await call.engine.store.read { try BusinessConnections.resolve(id, bot: bot, in: $0) }
        return MethodResult(BusinessConnections.view(access.connection, user: access.user))
    }
}
