import Storage

/// What one server instance tells the others that share its store (several `botapi serve`
/// processes on one PostgreSQL database), so that they behave as one server.
///
/// Signals are sent inside the write transaction whose changes they announce
/// (``StoreWriter/signalOtherInstances(_:)``) and reach the other instances after its
/// commit, in commit order; an instance never receives its own. What they carry is only
/// what an instance keeps outside the store: which parked calls to wake, which cached
/// account to drop, which long poll another instance superseded. Everything else is read
/// from the store, which all instances share.
enum InstanceSignal: Equatable, Sendable {
    /// Updates were queued for these recipients: wake their parked getUpdates and push
    /// channels.
    case updatesQueued([Int64])
    /// The account changed (renamed, token revoked, deleted): drop the cached copy and, if
    /// its token ended, end its parked and waiting calls.
    case accountChanged(id: Int64, endsSessions: Bool)
    /// A newer getUpdates of the recipient began on another instance: a call parked here
    /// ends with 409, as a newer call on the same instance ends it.
    case pollStarted(recipient: Int64)
    /// The bot answered a query whose user may wait on another instance: the waiting call
    /// reads the answer from the store (a NOTIFY payload could not hold every answer).
    case queryAnswered(kind: QueryRecord.Kind, id: String)
    /// The bot's webhook was set, changed or deleted: the webhook dispatcher reads it again
    /// (and, `wakesPoll`, the bot's parked getUpdates wakes to end with 409).
    case webhookChanged(botID: Int64, wakesPoll: Bool)
    /// A poll that closes by itself at `closeAt` was committed: every instance then closes
    /// it on time, not only the one that took it (which may die first).
    case pollDeadlineScheduled(closeAt: Int64)
    /// The admin moved the world's clock forward (`advanceTime`): every instance moves its
    /// clock by as much, so dates and deadlines agree whichever instance answers.
    case clockAdvanced(seconds: Int64)
    /// The world was replaced by a snapshot (`restoreSnapshot`): forget cached accounts, end
    /// parked calls, read webhooks and poll deadlines again.
    case worldRestored

    /// PostgreSQL's NOTIFY payloads are limited to 8000 bytes: big fan-outs are sent as
    /// several signals of at most this many recipients.
    static let maxRecipientsPerSignal = 300

    /// `u 1 2 3`, `a 5 1`, `p 7`, `q callback 123`, `w 9 1`, `d 1767225600`, `t 3600`, `r`.
    var text: String {
        switch self {
        case .updatesQueued(let recipients): "u " + recipients.map(String.init).joined(separator: " ")
        case .accountChanged(let id, let endsSessions): "a \(id) \(endsSessions ? 1 : 0)"
        case .pollStarted(let recipient): "p \(recipient)"
        case .queryAnswered(let kind, let id): "q \(kind.rawValue) \(id)"
        case .webhookChanged(let botID, let wakesPoll): "w \(botID) \(wakesPoll ? 1 : 0)"
        case .pollDeadlineScheduled(let closeAt): "d \(closeAt)"
        case .clockAdvanced(let seconds): "t \(seconds)"
        case .worldRestored: "r"
        }
    }

    /// Reads ``text``; nil for anything else (a newer instance's signal this one does not
    /// know is ignored, not misread).
    init?(text: String) {
        if text == "r" {
            self = .worldRestored
            return
        }
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard let kind = parts.first, parts.count >= 2 else { return nil }
        if kind == "q" {
            // Query ids are decimal, but of 64 unsigned bits: kept as text.
            guard parts.count == 3, let queryKind = QueryRecord.Kind(rawValue: String(parts[1])), !parts[2].isEmpty else { return nil }
            self = .queryAnswered(kind: queryKind, id: String(parts[2]))
            return
        }
        let numbers = parts.dropFirst().compactMap { Int64($0) }
        guard numbers.count == parts.count - 1 else { return nil }
        switch kind {
        case "u": self = .updatesQueued(numbers)
        case "a" where numbers.count == 2 && (numbers[1] == 0 || numbers[1] == 1):
            self = .accountChanged(id: numbers[0], endsSessions: numbers[1] == 1)
        case "p" where numbers.count == 1: self = .pollStarted(recipient: numbers[0])
        case "w" where numbers.count == 2 && (numbers[1] == 0 || numbers[1] == 1):
            self = .webhookChanged(botID: numbers[0], wakesPoll: numbers[1] == 1)
        case "d" where numbers.count == 1: self = .pollDeadlineScheduled(closeAt: numbers[0])
        case "t" where numbers.count == 1 && numbers[0] > 0: self = .clockAdvanced(seconds: numbers[0])
        default: return nil
        }
    }
}

extension Transaction {
    /// Tells the other instances sharing the store, once this transaction commits.
    func signalOtherInstances(_ signal: InstanceSignal) {
        store.signalOtherInstances(signal.text)
    }
}

extension Engine {
    /// Applies what the other instances sharing the store signal, until the task is
    /// cancelled. `botapi serve` runs it for the life of the process; with a store no
    /// other instance shares (SQLite) it returns at once.
    public func followOtherInstances() async {
        guard let signals = store.signalsFromOtherInstances() else { return }
        for await text in signals {
            guard let signal = InstanceSignal(text: text) else {
                logger.debug("ignoring an unknown signal from another instance")
                continue
            }
            apply(signal)
        }
    }

    /// What a signal from another instance changes here.
    func apply(_ signal: InstanceSignal) {
        switch signal {
        case .updatesQueued(let recipients):
            hub.notify(recipients)
            push.notify(Set(recipients))
        case .accountChanged(let id, let endsSessions):
            forgetAccount(id, endsSessions: endsSessions)
        case .pollStarted(let recipient):
            hub.endParkedCall(of: recipient, outcome: .replaced)
        case .queryAnswered(let kind, let id):
            switch kind {
            case .callback: callbackQueries.answerArrived(id, engine: self)
            case .inline: inlineQueries.answerArrived(id, engine: self)
            case .shipping: paymentQueries.shipping.answerArrived(id, engine: self)
            case .preCheckout: paymentQueries.preCheckout.answerArrived(id, engine: self)
            case .joinRequest: joinRequestQueries.answerArrived(id, engine: self)
            case .guest: guestQueries.answerArrived(id, engine: self)
            // Validated orders are read when paid with; no call waits for them.
            case .order: break
            }
        case .webhookChanged(let botID, let wakesPoll):
            if wakesPoll { hub.notify([botID]) }
            webhookDidChange(botID: botID)
        case .pollDeadlineScheduled(let closeAt):
            pollDeadlineScheduled(at: closeAt)
        case .clockAdvanced(let seconds):
            Task { _ = await advanceWorldTime(by: seconds) }
        case .worldRestored:
            Task { await worldWasRestored() }
        }
    }
}
