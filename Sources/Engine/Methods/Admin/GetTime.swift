/// `getTime` (admin, USER-API.md "Test controls"): the world's clock, `{"unix_time":…}`:
/// the time every `date` field shows and every deadline is judged against.
enum GetTime: APIMethod {
    static let name = "getTime"
    static let surfaces: Set<Surface> = [.admin]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        call.engine.worldTimeResult()
    }
}
