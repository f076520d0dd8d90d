import Storage

/// A webhook delivery lease held by one instance: only while the store still names this
/// holder and term may the instance deliver and confirm the bot's updates.
public struct WebhookLease: Sendable, Hashable {
    public let botID: Int64
    /// The holding instance's id.
    public let holder: String
    /// Which taking of the lease this is; a takeover by another instance starts a new one.
    public let term: Int64

    public init(botID: Int64, holder: String, term: Int64) {
        self.botID = botID
        self.holder = holder
        self.term = term
    }
}

/// The store no longer names this instance and term as the bot's lease holder (it stalled
/// past the expiry and another instance took over): it must stop delivering at once.
public struct WebhookLeaseLost: Error, Sendable, Equatable {
    public let botID: Int64

    public init(botID: Int64) { self.botID = botID }
}

/// Which instance delivers each bot's webhook queue when several share one store.
///
/// Every instance that knows a bot's webhook wants its lease; one transaction per round
/// (``maintainWebhookLeases(holder:held:wanted:now:duration:exclusive:)``) renews the leases the
/// instance holds, takes those that are free or expired, and gives back those it no longer
/// wants. Reads of pending updates and confirmations name the lease (``WebhookLease``) and
/// fail with ``WebhookLeaseLost`` once another instance has taken it: updates that a stalled
/// holder delivered but could not confirm are delivered again by the new holder (at least
/// once), never confirmed twice.
extension Engine {
    /// One round of lease upkeep for the instance `holder`, in one write transaction.
    ///
    /// - Parameters:
    ///   - held: the terms of the leases the instance believes it holds, by bot id.
    ///   - wanted: the bots whose webhooks the instance knows; leases in `held` that are not
    ///     wanted any more are released.
    ///   - now: Unix time in milliseconds.
    ///   - duration: how long a taken or renewed lease lasts, in milliseconds.
    ///   - exclusive: no other process uses the store (SQLite), so no other holder is alive:
    ///     a lease left by an earlier run of the server is taken at once, not after it expires.
    /// - Returns: the terms of the leases the instance holds afterwards, by bot id. A bot in
    ///   `held` missing here (or with another term) was lost.
    public func maintainWebhookLeases(
        holder: String, held: [Int64: Int64], wanted: Set<Int64>, now: Int64, duration: Int64, exclusive: Bool = false
    ) async throws -> [Int64: Int64] {
        guard !wanted.isEmpty || !held.isEmpty else { return [:] }
        return try await write { tx in
            let store = tx.store
            let leases = Dictionary(try store.webhookLeases().map { ($0.botID, $0) }, uniquingKeysWith: { _, last in last })
            var holding: [Int64: Int64] = [:]
            for botID in wanted {
                let current = leases[botID]
                let term: Int64
                if let current, current.holder == holder, current.term == held[botID] {
                    // Renewed, even if it expired meanwhile: nobody else took it, so nobody
                    // else delivered under it.
                    term = current.term
                } else if current == nil || current!.expiresAt <= now || current!.holder == holder || exclusive {
                    term = (current?.term ?? 0) + 1
                } else {
                    continue
                }
                try store.save(WebhookLeaseRecord(botID: botID, holder: holder, term: term, expiresAt: now + duration))
                holding[botID] = term
            }
            for (botID, term) in held where !wanted.contains(botID) {
                if let current = leases[botID], current.holder == holder, current.term == term {
                    try store.deleteWebhookLease(botID: botID)
                }
            }
            return holding
        }
    }

    /// Gives back the leases (clean shutdown), so another instance takes them at its next
    /// check instead of after their expiry. Leases taken over meanwhile are left alone.
    public func releaseWebhookLeases(_ leases: [WebhookLease]) async throws {
        guard !leases.isEmpty else { return }
        try await write { tx in
            for lease in leases {
                guard let current = try tx.store.webhookLease(botID: lease.botID),
                      current.holder == lease.holder, current.term == lease.term
                else { continue }
                try tx.store.deleteWebhookLease(botID: lease.botID)
            }
        }
    }

    /// Every stored lease, by bot id.
    public func webhookLeases() async throws -> [WebhookLeaseRecord] {
        try await store.read { tx in try tx.webhookLeases() }
    }

    /// Whether no other holder or term has taken the lease: the store names `lease`'s
    /// holder and term, or (just released by its holder, whose stopping worker confirms its
    /// last deliveries) no lease at all. Anyone taking it would have written a new term.
    static func holds(_ lease: WebhookLease, in store: any StoreReader) throws -> Bool {
        guard let current = try store.webhookLease(botID: lease.botID) else { return true }
        return current.holder == lease.holder && current.term == lease.term
    }
}
