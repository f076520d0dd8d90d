import Storage

/// One write transaction of the engine: the store's writer, the transaction's time, and
/// what must happen once it commits.
///
/// State the engine keeps outside the store (the account cache, parked calls, push
/// channels, webhook workers) changes only in post-commit effects (``afterCommit(_:)``),
/// which the store runs in commit order before any caller is answered: two transactions
/// that change the same account leave the cache as the later commit left the row.
final class Transaction {
    /// The store, inside the transaction; accounts, chats, groups, members and update
    /// queues are read at most once (``RowCachingWriter``).
    var store: any StoreWriter { rows }
    private let rows: RowCachingWriter
    /// The engine clock's time when the transaction began.
    let now: Int64
    /// The engine, for post-commit effects that schedule work on its clock.
    let engine: Engine
    private(set) var recipientsToWake: Set<Int64> = []

    init(store: any StoreWriter, now: Int64, engine: Engine) {
        rows = RowCachingWriter(store)
        self.now = now
        self.engine = engine
    }

    /// Queues `delivery` for `recipient`, dated now, unless the recipient filtered its kind
    /// out (``UpdateQueues/enqueue(recipient:kind:key:eventDate:payload:now:toPerson:in:)``);
    /// the recipient is woken once the transaction commits.
    func enqueue(_ delivery: UpdateDelivery, for recipient: Int64, toPerson: Bool = false) throws {
        if try UpdateQueues.enqueue(
            recipient: recipient, kind: delivery.kind, key: delivery.orderingKey, eventDate: now, payload: delivery.payload,
            now: now, toPerson: toPerson, in: store) {
            recipientsToWake.insert(recipient)
        }
    }

    /// Loads the accounts and update queues of `recipients` in one query each, before a
    /// fan-out reads them one by one.
    func prefetchRecipients(_ recipients: [Int64]) throws {
        try rows.prefetchAccounts(recipients)
        try rows.prefetchUpdateQueues(recipients)
    }

    /// Runs `effect` after the commit, in commit order (``StoreWriter/afterCommit(_:)``).
    func afterCommit(_ effect: @escaping @Sendable () -> Void) {
        store.afterCommit(effect)
    }

    /// Saves a changed account; once committed, the engine's cached copy is replaced.
    ///
    /// - Parameter endsSessions: the change ends the account's token (revoked, or the
    ///   account deleted): after the commit its parked and waiting calls end with 401.
    func update(_ account: AccountRecord, endsSessions: Bool = false) throws {
        try store.update(account)
        // The orders a user validated can't be paid with once its token ended.
        if endsSessions { try store.deleteQueries(kind: .order, userID: account.id) }
        signalOtherInstances(.accountChanged(id: account.id, endsSessions: endsSessions))
        let engine = self.engine
        afterCommit { engine.accountDidChange(account, endsSessions: endsSessions) }
    }

    /// Tells the delivery side of every instance, once committed, that the bot's webhook was
    /// set, changed or deleted.
    ///
    /// - Parameter wakesPoll: also wake the bot's parked getUpdates, which then finds the
    ///   webhook and ends with 409.
    func webhookDidChange(botID: Int64, wakesPoll: Bool) {
        // Every instance runs a dispatcher; the lease holder among them delivers.
        signalOtherInstances(.webhookChanged(botID: botID, wakesPoll: wakesPoll))
        let engine = self.engine
        afterCommit {
            if wakesPoll { engine.hub.notify([botID]) }
            engine.webhookDidChange(botID: botID)
        }
    }
}

extension Engine {
    /// Runs `body` in one durable write transaction. Once it commits, in commit order, the
    /// body's post-commit effects run and the recipients of the updates it queued are woken;
    /// nothing is woken, and nothing is answered, before the commit.
    func write<T: Sendable>(_ body: @escaping @Sendable (Transaction) throws -> T) async throws -> T {
        let now = clock.now()
        return try await store.write { writer in
            let transaction = Transaction(store: writer, now: now, engine: self)
            let value = try body(transaction)
            let recipients = transaction.recipientsToWake
            if !recipients.isEmpty {
                let ordered = recipients.sorted()
                for start in stride(from: 0, to: ordered.count, by: InstanceSignal.maxRecipientsPerSignal) {
                    let chunk = ordered[start ..< min(start + InstanceSignal.maxRecipientsPerSignal, ordered.count)]
                    transaction.signalOtherInstances(.updatesQueued(Array(chunk)))
                }
                writer.afterCommit {
                    self.hub.notify(recipients)
                    self.push.notify(recipients)
                }
            }
            return value
        }
    }
}
