import Engine
import Foundation
import Synchronization

/// How webhook delivery leases behave (``WebhookDispatcher``): with several instances on one
/// database, exactly one delivers each bot's queue, and another takes over when it dies.
public struct WebhookLeaseOptions: Sendable {
    /// A lease lasts this long after its last renewal. After a holder dies (or stalls),
    /// another instance takes over within `duration` plus one `renewInterval`.
    public var duration: Duration
    /// How often the holder renews its leases and the other instances look for expired ones
    /// (one write transaction per round for all bots). Keep it well below `duration`.
    public var renewInterval: Duration
    /// This instance's name in the lease table; unique per process start.
    public var instanceID: String

    /// - Parameters:
    ///   - duration: 4 s by default: a killed holder's bots resume within about 5 s.
    ///   - renewInterval: 1 s by default.
    public init(duration: Duration = .seconds(4), renewInterval: Duration = .seconds(1), instanceID: String? = nil) {
        precondition(renewInterval < duration, "the lease must outlast several renewals")
        self.duration = duration
        self.renewInterval = renewInterval
        self.instanceID = instanceID ?? Self.newInstanceID()
    }

    /// `pid-` and eight random hex digits: readable in logs, unique per process start.
    public static func newInstanceID() -> String {
        "\(ProcessInfo.processInfo.processIdentifier)-" + UUID().uuidString.prefix(8).lowercased()
    }

    /// How long after a renewal began the holder still treats the lease as its own. A
    /// quarter of the lease is kept back, so a holder that stalls stops before another
    /// instance may take over, even if the two clocks run a little apart.
    var locallyValid: Duration { duration * 3 / 4 }

    var durationMilliseconds: Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

/// One lease this instance holds, as its worker sees it: valid until a deadline that every
/// renewal moves on, and revoked once the dispatcher learns it was lost.
final class HeldLease: Sendable {
    let lease: WebhookLease
    private let state: Mutex<(validUntil: ContinuousClock.Instant, revoked: Bool)>

    init(_ lease: WebhookLease, validUntil: ContinuousClock.Instant) {
        self.lease = lease
        state = Mutex((validUntil, false))
    }

    var term: Int64 { lease.term }

    func extend(until instant: ContinuousClock.Instant) {
        state.withLock { $0.validUntil = max($0.validUntil, instant) }
    }

    func revoke() { state.withLock { $0.revoked = true } }

    var isValid: Bool { state.withLock { !$0.revoked && ContinuousClock.now < $0.validUntil } }

    /// Waits while the lease's renewal is late (nothing may be sent meanwhile); false once
    /// it is revoked or the task is cancelled.
    func waitUntilValid() async -> Bool {
        while true {
            let (valid, revoked) = state.withLock { (!$0.revoked && ContinuousClock.now < $0.validUntil, $0.revoked) }
            if valid { return true }
            if revoked || Task.isCancelled { return false }
            do { try await Task.sleep(for: .milliseconds(20)) } catch { return false }
        }
    }
}
