/// `advanceTime` (admin, USER-API.md "Test controls"): the world's clock jumps forward by
/// `seconds` and what became due happens at once (``Engine/advanceWorldTime(by:)``); answers
/// the new time, `{"unix_time":…}`. The clock never goes back.
enum AdvanceTime: APIMethod {
    static let name = "advanceTime"
    static let surfaces: Set<Surface> = [.admin]

    /// At most ten years per call: far beyond any deadline of the Bot API, and far from
    /// overflowing a Unix time.
    static let maxSeconds: Int64 = 10 * 366 * 86_400

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let text = call.parameters["seconds"] else { throw APIError.badRequest("parameter \"seconds\" is required") }
        guard let seconds = Int64(text), (1...maxSeconds).contains(seconds) else {
            throw APIError.badRequest("seconds must be 1 to \(maxSeconds)")
        }
        guard await call.engine.advanceWorldTime(by: seconds) else {
            throw APIError.badRequest("the world's clock can't be moved: it is the embedding program's own")
        }
        if call.engine.store.isSharedWithOtherInstances {
            // A write that only tells the others, so the signal goes out as every signal does.
            try await call.engine.write { tx in tx.signalOtherInstances(.clockAdvanced(seconds: seconds)) }
        }
        return call.engine.worldTimeResult()
    }
}
