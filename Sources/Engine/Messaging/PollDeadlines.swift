import Foundation
import Storage
import Synchronization

/// Polls with `open_period` or `close_date` close by themselves when their time comes, on
/// the engine's clock: the poll shows `is_closed` everywhere and the chat hears about it
/// (a `poll` update, as when stopped). Each deadline is a row (``PollDeadlineRecord``); the
/// earliest is kept here, so checking costs one lock. The check runs before every call (so
/// a test clock moved past the time closes the poll at the next call) and on a timer for
/// real time (``Engine/pollDeadlineScheduled(at:)``).
final class PollDeadlines: Sendable {
    private struct State {
        /// Whether `earliest` was read from the store.
        var loaded = false
        var earliest: Int64?
        /// Bumped by every new deadline, so a slower recount does not hide it.
        var version = 0
    }

    private let state = Mutex(State())

    /// Whether a poll may be due at `now`; nil when the store must be asked first.
    fileprivate func mayBeDue(at now: Int64) -> Bool? {
        state.withLock { state in
            guard state.loaded else { return nil }
            return state.earliest.map { $0 <= now } ?? false
        }
    }

    fileprivate var version: Int { state.withLock { $0.version } }

    /// Records the earliest deadline the store holds, as read when `version` was current.
    fileprivate func set(earliest: Int64?, readAt version: Int) {
        state.withLock { state in
            if state.version == version || !state.loaded {
                state.earliest = earliest
            } else if let earliest {
                state.earliest = min(state.earliest ?? earliest, earliest)
            }
            state.loaded = true
        }
    }

    /// The deadlines in the store were replaced (a restored world): read them again.
    func forget() {
        state.withLock { state in
            state.version += 1
            state.loaded = false
            state.earliest = nil
        }
    }

    /// A new deadline was committed.
    fileprivate func add(_ time: Int64) {
        state.withLock { state in
            state.version += 1
            state.earliest = min(state.earliest ?? time, time)
        }
    }

    /// Closes the poll a due deadline names, unless it was stopped meanwhile; its sender
    /// "acts", as in stopPoll, so a bot that sent it gets the `poll` update.
    static func close(_ deadline: PollDeadlineRecord, tx: Transaction) throws {
        try tx.store.deletePollDeadline(chatID: deadline.chatID, messageID: deadline.messageID)
        guard let chat = try tx.store.chat(id: deadline.chatID),
              var stored = try ChatMessages.load(Int(deadline.messageID), in: chat, from: tx.store),
              var poll = stored.message.poll, !poll.isClosed,
              let sender = try tx.store.account(id: stored.record.senderID)
        else { return }
        poll.isClosed = true
        stored.message.poll = poll
        try ChatMessages.save(stored, in: tx.store)
        try Polls.publish(stored, chat: chat, actor: sender, answer: nil, revealTo: nil, tx: tx)
    }

    /// Stores when the poll of message `messageID` in `chat` closes by itself.
    static func schedule(_ closeAt: Int64, chat: ChatRecord, messageID: Int, tx: Transaction) throws {
        try tx.store.save(PollDeadlineRecord(chatID: chat.id, messageID: Int64(messageID), closeAt: closeAt))
        // Closing twice is harmless: `close` finds the deadline gone in the later write.
        tx.signalOtherInstances(.pollDeadlineScheduled(closeAt: closeAt))
    }
}

extension Engine {
    /// How many due polls one transaction closes; the rest close at the next check.
    private static let pollsClosedPerTransaction = 100

    /// Closes every poll whose time has come. Cheap when none has.
    func closeDuePolls() async {
        let now = clock.now()
        let version = pollDeadlines.version
        do {
            if pollDeadlines.mayBeDue(at: now) == nil {
                let earliest = try await store.read { try $0.earliestPollDeadline() }
                pollDeadlines.set(earliest: earliest, readAt: version)
            }
            guard pollDeadlines.mayBeDue(at: now) == true else { return }
            let earliest = try await write { tx in
                for deadline in try tx.store.pollDeadlines(dueAt: tx.now, limit: Self.pollsClosedPerTransaction) {
                    try PollDeadlines.close(deadline, tx: tx)
                }
                return try tx.store.earliestPollDeadline()
            }
            pollDeadlines.set(earliest: earliest, readAt: version)
        } catch {
            logger.error("closing polls failed: \(error)")
        }
    }

    /// A poll closing at `closeAt` was committed: checks start considering it, and a timer
    /// closes it on time even if no call comes (a bot parked in getUpdates hears at once).
    /// A `chained` timer then arms the next stored deadline's (see ``resumePollTimer()``).
    func pollDeadlineScheduled(at closeAt: Int64, chained: Bool = false) {
        pollDeadlines.add(closeAt)
        let delay = max(0, closeAt - clock.now())
        Task { [weak self] in
            // Deadlines are at most Polls.maxOpenPeriod away; a second more absorbs rounding.
            try? await Task.sleep(for: .seconds(delay + 1))
            await self?.closeDuePolls()
            if chained { await self?.resumePollTimer() }
        }
    }

    /// Arms the timer a restart lost, the earliest stored deadline's; it arms the next one's
    /// when it has run, so polls still close on time after a restart with no call to trigger it.
    func resumePollTimer() async {
        do {
            if let next = try await store.read({ try $0.earliestPollDeadline() }) { pollDeadlineScheduled(at: next, chained: true) }
        } catch {
            logger.error("reading poll deadlines failed: \(error)")
        }
    }
}
