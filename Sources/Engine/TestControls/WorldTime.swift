import Foundation

extension Engine {
    /// The world's time as `getTime` and `advanceTime` answer it: `{"unix_time":…}`.
    func worldTimeResult() -> MethodResult {
        MethodResult(json: Array("{\"unix_time\":\(clock.now())}".utf8))
    }

    /// Moves the world's clock forward by `seconds` and makes what became due happen at
    /// once: polls past their `close_date` close (and their `poll` updates go out). Everything
    /// else that depends on time (restrictions and bans that end, invite links and updates
    /// that expire, live locations that stop) is judged against the clock whenever it is
    /// read, so it follows the jump without work here.
    ///
    /// - Returns: false when the engine's clock cannot be moved (an embedder's own clock).
    func advanceWorldTime(by seconds: Int64) async -> Bool {
        guard let clock = clock as? any AdvanceableClock else { return false }
        clock.advance(by: seconds)
        await closeDuePolls()
        await endLapsedPremium()
        await runDueSuggestedPosts()
        return true
    }
}
