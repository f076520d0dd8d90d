import Foundation

/// The engine's source of wall-clock time, injected so tests can move time (update
/// retention, `until_date`) without sleeping.
public protocol EngineClock: Sendable {
    /// Current Unix time in seconds.
    func now() -> Int64
    /// Current Unix time with its fraction of a second, for rates (``FloodLimits``); a
    /// clock that moves in whole seconds answers ``now()``.
    func preciseNow() -> Double
}

extension EngineClock {
    public func preciseNow() -> Double { Double(now()) }
}

/// Real time.
public struct SystemClock: EngineClock {
    public init() {}
    public func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
    public func preciseNow() -> Double { Date().timeIntervalSince1970 }
}

/// A clock the admin's `advanceTime` may move forward (USER-API.md "Test controls").
public protocol AdvanceableClock: EngineClock {
    /// Moves the clock forward by `seconds`.
    func advance(by seconds: Int64)
}

/// Real time plus every `advanceTime` so far: `botapi serve --clock real`, the default.
/// It never goes back, and moves on by itself as real time does.
public final class AdvancedRealClock: AdvanceableClock, @unchecked Sendable {
    // Unchecked: every access to `offset` goes through `lock`.
    private let lock = NSLock()
    private var offset: Double = 0

    public init() {}

    public func now() -> Int64 { Int64(preciseNow()) }
    public func preciseNow() -> Double { Date().timeIntervalSince1970 + lock.withLock { offset } }
    public func advance(by seconds: Int64) { lock.withLock { offset += Double(seconds) } }
}

/// A clock that only moves when told to: tests, and `botapi serve --clock manual`.
public final class ManualClock: AdvanceableClock, @unchecked Sendable {
    // Unchecked: every access to `current` goes through `lock`.
    private let lock = NSLock()
    private var current: Int64

    public init(now: Int64 = 1_767_225_600) { current = now }

    public func now() -> Int64 { lock.withLock { current } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: Int64) { lock.withLock { current += seconds } }
}
