import Storage

/// One write transaction of the engine: the store's writer plus the update recipients to
/// wake once it commits.
final class Transaction {
    /// The store, inside the transaction.
    let store: any StoreWriter
    /// The engine clock's time when the transaction began.
    let now: Int64
    private(set) var recipientsToWake: Set<Int64> = []

    init(store: any StoreWriter, now: Int64) {
        self.store = store
        self.now = now
    }

    /// Queues an update for `recipient`; see ``UpdateQueues/enqueue(recipient:kind:key:eventDate:payload:now:toPerson:in:)``.
    func enqueue(recipient: Int64, kind: UpdateKind, key: String, eventDate: Int64, payload: [UInt8], toPerson: Bool = false) throws {
        if try UpdateQueues.enqueue(
            recipient: recipient, kind: kind, key: key, eventDate: eventDate, payload: payload, now: now, toPerson: toPerson, in: store) {
            recipientsToWake.insert(recipient)
        }
    }
}

extension Engine {
    /// Runs `body` in one durable write transaction, then wakes the recipients of the
    /// updates it queued. Nothing is woken, and nothing is answered, before the commit.
    func write<T: Sendable>(_ body: @escaping @Sendable (Transaction) throws -> T) async throws -> T {
        let now = clock.now()
        let (value, recipients) = try await store.write { writer in
            let transaction = Transaction(store: writer, now: now)
            let value = try body(transaction)
            return (value, transaction.recipientsToWake)
        }
        if !recipients.isEmpty {
            hub.notify(recipients)
            push.notify(recipients)
        }
        return value
    }
}
