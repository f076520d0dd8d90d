/// Which server instance delivers a bot's webhook queue, and until when (several instances
/// sharing one database; with one instance it is always that one).
///
/// Every instance that sees the bot's webhook wants the lease; only the holder delivers. The
/// holder renews it well before `expiresAt`; once that passes without a renewal (the holder
/// died or stalled), another instance takes it with the next `term`. Confirmations name the
/// term they were delivered under, so an instance that lost the lease cannot confirm.
public struct WebhookLeaseRecord: Sendable, Equatable {
    public var botID: Int64
    /// The holding instance's id (unique per process start).
    public var holder: String
    /// Grows by one every time the lease is taken (not when it is renewed).
    public var term: Int64
    /// Unix time in milliseconds after which another instance may take the lease.
    public var expiresAt: Int64

    public init(botID: Int64, holder: String, term: Int64, expiresAt: Int64) {
        self.botID = botID
        self.holder = holder
        self.term = term
        self.expiresAt = expiresAt
    }
}
