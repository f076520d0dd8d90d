import Synchronization

/// One event of the push channel: an Update (``id`` is its `update_id`) or an ephemeral
/// event that no queue keeps (``name`` says which: `chat_action`, `bot_call`).
public struct PushEvent: Sendable, Equatable {
    /// The SSE event name; nil for updates (the default `message` event).
    public let name: String?
    /// The update id; nil for ephemeral events.
    public let id: Int64?
    /// One JSON value.
    public let data: [UInt8]

    public init(name: String?, id: Int64?, data: [UInt8]) {
        self.name = name
        self.id = id
        self.data = data
    }
}

/// What wakes an open push channel.
enum PushSignal: Sendable {
    /// The user's update queue grew.
    case updatesArrived
    /// An ephemeral event to pass on as is.
    case event(PushEvent)
    /// Time for a keep-alive (and to check the channel's lifetime).
    case tick
}

/// The users' open push channels (``Engine/openPushChannel(token:lastEventID:keepAlive:lifetime:)``),
/// told when their update queues grow and given ephemeral events such as a bot's chat
/// action. Unlike ``UpdateHub`` a user may have many channels open (one per browser tab):
/// each is woken, and each reads the queue from its own cursor.
final class PushHub: Sendable {
    private struct State {
        var channels: [Int64: [UInt64: AsyncStream<PushSignal>.Continuation]] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())
    /// How many channels are open, read without the lock so that commits with no open
    /// channel (a benchmark's, say) pay one atomic load.
    private let openCount = Atomic<Int>(0)

    /// Registers a channel of `userID`; its signals go to `continuation`.
    func open(userID: Int64, _ continuation: AsyncStream<PushSignal>.Continuation) -> UInt64 {
        _ = openCount.add(1, ordering: .relaxed)
        return state.withLock { state in
            state.nextID += 1
            state.channels[userID, default: [:]][state.nextID] = continuation
            return state.nextID
        }
    }

    func close(userID: Int64, id: UInt64) {
        let removed = state.withLock { state -> Bool in
            guard state.channels[userID]?.removeValue(forKey: id) != nil else { return false }
            if state.channels[userID]?.isEmpty == true { state.channels[userID] = nil }
            return true
        }
        if removed { _ = openCount.subtract(1, ordering: .relaxed) }
    }

    /// Whether `userID` has a channel open.
    func isOpen(for userID: Int64) -> Bool {
        guard openCount.load(ordering: .relaxed) > 0 else { return false }
        return state.withLock { $0.channels[userID] != nil }
    }

    /// Wakes the channels of accounts whose queues grew (called after each commit).
    /// Channels open now, for `/metrics`.
    var openChannelCount: Int { openCount.load(ordering: .relaxed) }

    func notify(_ recipients: Set<Int64>) {
        guard openCount.load(ordering: .relaxed) > 0 else { return }
        send(.updatesArrived, to: recipients)
    }

    /// Wakes every open channel, which then reads its account and queue again.
    func wakeAll() {
        guard openCount.load(ordering: .relaxed) > 0 else { return }
        let targets = state.withLock { state in state.channels.values.flatMap { $0.values } }
        for target in targets { target.yield(.updatesArrived) }
    }

    /// Passes an ephemeral event to every channel of the `recipients`.
    func send<S: Sequence<Int64>>(_ signal: PushSignal, to recipients: S) {
        guard openCount.load(ordering: .relaxed) > 0 else { return }
        let targets = state.withLock { state in recipients.flatMap { state.channels[$0]?.values.map { $0 } ?? [] } }
        for target in targets { target.yield(signal) }
    }
}
