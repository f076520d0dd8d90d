/// `listSnapshots` (admin, this server's extension): the saved snapshots by name, each
/// `{"name":…,"saved_at":…}` with the world's time it was saved at.
enum ListSnapshots: APIMethod {
    static let name = "listSnapshots"
    static let surfaces: Set<Surface> = [.admin]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        MethodResult(try await call.engine.savedSnapshots().map(SnapshotView.init))
    }
}
