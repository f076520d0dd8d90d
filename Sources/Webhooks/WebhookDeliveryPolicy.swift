import NIOCore

/// The timing rules of webhook delivery. ``official`` is the official server's
/// (behaviour.md §4.4); tests shrink the delays.
public struct WebhookDeliveryPolicy: Sendable {
    /// The wait before the next attempt after the n-th consecutive failure of one update
    /// (index 0 = after the first failure). Official: 0, 2, 4, 8, 16, 32 s.
    public var backoff: [Duration]
    /// After the listed delays, every further attempt waits a random time in this range.
    /// Official: 60–120 s.
    public var laterBackoff: ClosedRange<Duration>
    /// `Retry-After` on a non-2xx answer is honoured, clamped to 0...this. Official: 3600 s.
    public var maxRetryAfter: Duration
    /// Multiplies `Retry-After` seconds; 1 outside tests.
    public var retryAfterUnit: Duration
    /// No complete response this long after the request was sent: "Read timeout expired".
    public var readTimeout: Duration
    /// TCP connect (and name resolution) limit.
    public var connectTimeout: Duration
    /// Idle keep-alive connections are closed after this long.
    public var idleConnectionTimeout: Duration
    /// A bot's worker re-reads its queue at least this often even without a wake-up.
    public var pollInterval: Duration
    /// The dispatcher re-reads every webhook setting this often, in case a change
    /// notification was missed.
    public var resyncInterval: Duration
    /// Response bodies are read up to this size; longer ones are cut and their method
    /// (if any) is not executed.
    public var maxResponseBodySize: Int

    public init(
        backoff: [Duration] = [.zero, .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32)],
        laterBackoff: ClosedRange<Duration> = .seconds(60) ... .seconds(120),
        maxRetryAfter: Duration = .seconds(3600),
        retryAfterUnit: Duration = .seconds(1),
        readTimeout: Duration = .seconds(60),
        connectTimeout: Duration = .seconds(20),
        idleConnectionTimeout: Duration = .seconds(60),
        pollInterval: Duration = .seconds(30),
        resyncInterval: Duration = .seconds(60),
        maxResponseBodySize: Int = 64 << 20
    ) {
        self.backoff = backoff
        self.laterBackoff = laterBackoff
        self.maxRetryAfter = maxRetryAfter
        self.retryAfterUnit = retryAfterUnit
        self.readTimeout = readTimeout
        self.connectTimeout = connectTimeout
        self.idleConnectionTimeout = idleConnectionTimeout
        self.pollInterval = pollInterval
        self.resyncInterval = resyncInterval
        self.maxResponseBodySize = maxResponseBodySize
    }

    /// The official server's timings.
    public static let official = WebhookDeliveryPolicy()

    /// The wait after the `failures`-th consecutive failure (1-based) of an update.
    public func delay(afterFailure failures: Int, retryAfter: Int? = nil) -> Duration {
        if let retryAfter {
            let wanted = retryAfterUnit * max(retryAfter, 0)
            return min(wanted, maxRetryAfter)
        }
        let index = failures - 1
        if index >= 0, index < backoff.count { return backoff[index] }
        let low = laterBackoff.lowerBound.attoseconds
        let high = laterBackoff.upperBound.attoseconds
        guard high > low else { return laterBackoff.lowerBound }
        return Duration(attoseconds: Int128.random(in: low...high))
    }
}

extension Duration {
    /// Whole seconds, rounded up (deadlines are compared in unix seconds).
    var wholeSecondsRoundedUp: Int64 {
        let (seconds, attoseconds) = components
        return attoseconds > 0 ? seconds + 1 : seconds
    }

    var timeAmount: NIOCore.TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
