/// `saveSnapshot` (admin, USER-API.md "Test controls"): saves the whole world (accounts,
/// chats, messages, update queues, files) under `name`, replacing a snapshot of that name
/// (``Engine/saveWorld(as:)``). `name`: 1-64 of `[A-Za-z0-9_-]`.
enum SaveSnapshot: APIMethod {
    static let name = "saveSnapshot"
    static let surfaces: Set<Surface> = [.admin]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let name = try SnapshotNameParameter.read(call.parameters)
        try await call.engine.saveWorld(as: name)
        return .true
    }
}
