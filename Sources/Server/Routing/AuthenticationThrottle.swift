import Engine
import Synchronization

/// Slows down token guessing: a client address that presents too many wrong tokens for one
/// account (or for the admin surface) within a window is answered 429 with `retry_after`
/// for that account until the window ends, before its token is even checked.
///
/// The key is the address *and* the account the token names, so a misbehaving client does
/// not lock out the other bots that share its address (a CI machine runs many), and a good
/// token costs one dictionary lookup: nothing sleeps, nothing is delayed.
final class AuthenticationThrottle: Sendable {
    /// How many failures a key may have in one window before it is refused.
    let allowedFailures: Int
    /// The window's length; a refused key is refused until its window ends.
    let window: Duration
    /// At most this many keys are tracked, so a flood of distinct keys cannot exhaust memory;
    /// beyond it expired entries are dropped first, then the table is cleared (failing open
    /// for throttling, never for authentication).
    let maxTrackedKeys: Int

    struct Key: Hashable {
        let address: String
        let surface: Surface
        /// The id part of the token (before `:`), empty for the admin surface.
        let account: Substring
    }

    private struct Entry {
        var windowEnd: ContinuousClock.Instant
        var failures: Int
    }

    private let entries = Mutex<[Key: Entry]>([:])

    init(allowedFailures: Int = 30, window: Duration = .seconds(60), maxTrackedKeys: Int = 100_000) {
        self.allowedFailures = allowedFailures
        self.window = window
        self.maxTrackedKeys = maxTrackedKeys
    }

    static func key(address: String?, surface: Surface, token: Substring) -> Key {
        let account = surface == .admin ? "" : token.prefix { $0 != ":" }.prefix(24)
        return Key(address: address ?? "", surface: surface, account: account)
    }

    /// The 429 to answer instead of checking the token, if `key` is over its limit.
    func refusal(for key: Key, now: ContinuousClock.Instant = .now) -> APIError? {
        guard let entry = entries.withLock({ $0[key] }), entry.failures >= allowedFailures, now < entry.windowEnd else {
            return nil
        }
        let seconds = (entry.windowEnd - now).components.seconds + 1
        return .tooManyRequests(retryAfter: Int(seconds))
    }

    /// Counts a wrong token presented for `key`.
    func recordFailure(for key: Key, now: ContinuousClock.Instant = .now) {
        entries.withLock { entries in
            if var entry = entries[key], now < entry.windowEnd {
                entry.failures += 1
                entries[key] = entry
                return
            }
            if entries.count >= maxTrackedKeys {
                entries = entries.filter { now < $0.value.windowEnd }
                if entries.count >= maxTrackedKeys { entries.removeAll() }
            }
            entries[key] = Entry(windowEnd: now + window, failures: 1)
        }
    }
}
