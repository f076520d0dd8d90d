import BotAPI

/// `unblockUser` (users): undoes ``BlockUser``.
enum UnblockUser: APIMethod {
    static let name = "unblockUser"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await BlockUser.setBlocked(false, call: call)
    }
}
