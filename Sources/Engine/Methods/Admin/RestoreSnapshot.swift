import Storage

/// `restoreSnapshot` (admin, USER-API.md "Test controls"): puts back the world saved under
/// `name` while the server runs (``Engine/restoreWorld(from:)``): parked calls end, update
/// ids keep rising, so a polling bot's offset stays valid.
enum RestoreSnapshot: APIMethod {
    static let name = "restoreSnapshot"
    static let surfaces: Set<Surface> = [.admin]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let name = try SnapshotNameParameter.read(call.parameters)
        do {
            guard try await call.engine.restoreWorld(from: name) else { throw APIError.badRequest("snapshot \(name) not found") }
        } catch let error as SnapshotError {
            throw APIError.badRequest(error.description)
        }
        return .true
    }
}
