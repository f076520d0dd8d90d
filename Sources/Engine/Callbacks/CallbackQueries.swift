import BotAPI
import Foundation
import Storage
import Synchronization

/// What a bot answered to a callback query, as `sendCallbackQuery` returns it to the user:
/// `{"text"?, "show_alert", "url"?, "cache_time"}`.
struct CallbackAnswer: Sendable, Equatable, Codable, JSONWritable {
    var text: String?
    var showAlert: Bool
    var url: String?
    var cacheTime: Int

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.optionalMember("text", text)
        writer.member("show_alert", showAlert)
        writer.optionalMember("url", url)
        writer.member("cache_time", cacheTime)
        writer.endObject()
    }
}

/// Callback queries whose user is waiting for the bot's `answerCallbackQuery`.
typealias CallbackQueries = PendingAnswers<CallbackAnswer>

extension PendingAnswers where Value == CallbackAnswer {
    typealias Answer = CallbackAnswer
}

/// Queries whose user is waiting for a bot's answer: callback queries
/// (`answerCallbackQuery`), inline queries (`answerInlineQuery`), and the shipping and
/// pre-checkout queries of a payment (``PaymentQueries``).
///
/// A query lives in the store (``QueryRecord``), so every server instance sharing it can take
/// the bot's answer, while its user's call waits on the instance that sent it. It is opened
/// in the transaction that commits its update and lives only while that call waits: the
/// first answer ends the wait; an answer after the wait ended (timed out, or the caller went
/// away), a second answer, or an answer from another bot finds nothing open and gets the
/// official "query is too old…" error. Each wait is bounded by its timeout, and the stored
/// query expires with it, so the query of an instance that died takes no answer either.
///
/// Wake-ups are never lost. An answer given on the waiting instance reaches the waiting call
/// by a post-commit effect, without reading the store; one given on another instance sends
/// a signal (``InstanceSignal/queryAnswered(kind:id:)``) on which the waiting instance reads
/// the answer from the store (signals carry ids only). An answer that arrives before the
/// caller parks is kept and returned as soon as the caller looks, and a wait that times out
/// takes, as it closes the query in the store, an answer whose signal is still on its way.
///
/// Each ``Engine`` owns one registry per kind; the answering bot is checked against the
/// stored query, so a query id can only be answered by the bot it was sent to.
final class PendingAnswers<Value: Codable & Sendable>: Sendable {
    /// A call of this instance waiting for an answer.
    private struct Entry {
        /// The user waiting.
        let userID: Int64
        var answer: Value?
        var waiter: CheckedContinuation<Value?, Never>?
        var timer: Task<Void, Never>?
    }

    /// Which queries this registry holds.
    let kind: QueryRecord.Kind
    /// The waiting calls of this instance, by query id.
    private let entries = Mutex<[String: Entry]>([:])

    init(kind: QueryRecord.Kind) {
        self.kind = kind
    }

    /// A fresh query id: a decimal 64-bit number, as the official ids are.
    func newQueryID() -> String {
        String(UInt64.random(in: 1...UInt64.max))
    }

    /// Opens `queryID` for an answer from `botID`, which `userID` will wait for on this
    /// instance for up to `timeout`; in the transaction that commits the query's update, so
    /// an answer can never arrive for an unknown query. If the transaction fails, the caller
    /// ``discard(_:)``s the query.
    func open(_ queryID: String, botID: Int64, userID: Int64, isGame: Bool = false, timeout: Duration, in tx: Transaction) throws {
        try tx.store.deleteExpiredQueries(now: tx.now, limit: 100)
        // Whole seconds, rounded up, and one more: the store's clock ticks in seconds, and the
        // waiting call closes the query itself when its wait ends. The expiry only ends
        // queries whose instance went away.
        let seconds = timeout.components.seconds + (timeout.components.attoseconds > 0 ? 1 : 0) + 1
        try tx.store.save(QueryRecord(kind: kind, id: queryID, botID: botID, userID: userID, isGame: isGame, expiresAt: tx.now + seconds))
        entries.withLock { $0[queryID] = Entry(userID: userID) }
    }

    /// The query `queryID` if it is open for an answer from `botID`: its user still waits and
    /// no answer came yet.
    func openQuery(_ queryID: String, botID: Int64, in tx: Transaction) throws -> QueryRecord? {
        guard let record = try tx.store.query(kind: kind, id: queryID, now: tx.now), record.botID == botID, record.answer == nil else {
            return nil
        }
        return record
    }

    /// Records `botID`'s answer in `tx`; once it commits, the waiting call gets it. Returns
    /// false when the query is unknown, already answered, no longer waited for, or belongs
    /// to another bot.
    func answer(_ queryID: String, botID: Int64, with answer: Value, in tx: Transaction) throws -> Bool {
        guard var record = try openQuery(queryID, botID: botID, in: tx) else { return false }
        record.answer = try JSONEncoder().encode(answer)
        try tx.store.save(record)
        if waitsHere(queryID) {
            tx.afterCommit { self.deliver(answer, to: queryID) }
        } else {
            tx.signalOtherInstances(.queryAnswered(kind: kind, id: queryID))
        }
        return true
    }

    /// Whether a call of this instance waits for `queryID`.
    private func waitsHere(_ queryID: String) -> Bool {
        entries.withLock { $0[queryID] != nil }
    }

    /// Another instance committed the answer to `queryID`: a call waiting here for it reads
    /// it from the store and returns it.
    func answerArrived(_ queryID: String, engine: Engine) {
        guard entries.withLock({ $0[queryID].map { $0.answer == nil } ?? false }) else { return }
        let kind = self.kind
        Task {
            do {
                let now = engine.clock.now()
                guard let data = try await engine.store.read({ try $0.query(kind: kind, id: queryID, now: now)?.answer }) else { return }
                deliver(try JSONDecoder().decode(Value.self, from: data), to: queryID)
            } catch {
                // The wait's end reads the store again (``close(_:engine:)``).
                engine.logger.warning("could not read the answer to \(kind.rawValue) query \(queryID): \(error)")
            }
        }
    }

    /// Ends every wait of `userID` on this instance without an answer: its token was revoked
    /// or it was deleted. A scan, because this is rare and the registry holds only waiting calls.
    func endWaits(of userID: Int64) {
        let queryIDs = entries.withLock { entries in entries.filter { $0.value.userID == userID }.map(\.key) }
        for queryID in queryIDs { finish(queryID, with: nil) }
    }

    /// Ends every wait (the world was restored): each caller ends as if no answer came.
    func endAllWaits() {
        let queryIDs = entries.withLock { Array($0.keys) }
        for queryID in queryIDs { finish(queryID, with: nil) }
    }

    /// Forgets a query whose update was never committed.
    func discard(_ queryID: String) {
        finish(queryID, with: nil)
    }

    /// Waits up to `timeout` for the answer to `queryID`, then closes the query. Nil when no
    /// answer came in time or the task was cancelled.
    func wait(for queryID: String, timeout: Duration, engine: Engine) async -> Value? {
        if let answer = await park(queryID, timeout: timeout) { return answer }
        return await close(queryID, engine: engine)
    }

    /// Closes a query no answer reached here in time: deleted from the store, so a later
    /// answer is refused. Returns an answer that committed before, whose wake-up had not
    /// arrived yet.
    private func close(_ queryID: String, engine: Engine) async -> Value? {
        let kind = self.kind
        do {
            let data = try await engine.write { tx -> Data? in
                let answer = try tx.store.query(kind: kind, id: queryID, now: tx.now)?.answer
                try tx.store.deleteQuery(kind: kind, id: queryID)
                return answer
            }
            return try data.map { try JSONDecoder().decode(Value.self, from: $0) }
        } catch {
            // The query then expires on its own, a second after the wait.
            engine.logger.warning("could not close \(kind.rawValue) query \(queryID): \(error)")
            return nil
        }
    }

    /// Waits on this instance up to `timeout` for an answer to reach `queryID`, then
    /// forgets the local entry.
    private func park(_ queryID: String, timeout: Duration) async -> Value? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
                let cancelled = Task.isCancelled
                let ready = entries.withLock { entries -> Value?? in
                    guard var entry = entries[queryID] else { return .some(nil) }
                    if entry.answer != nil || cancelled {
                        entries[queryID] = nil
                        return .some(entry.answer)
                    }
                    entry.waiter = continuation
                    entries[queryID] = entry
                    return .none
                }
                if let ready {
                    continuation.resume(returning: ready)
                    return
                }
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    guard !Task.isCancelled else { return }
                    self?.finish(queryID, with: nil)
                }
                let stillWaiting = entries.withLock { entries -> Bool in
                    guard entries[queryID]?.waiter != nil else { return false }
                    entries[queryID]?.timer = timer
                    return true
                }
                if !stillWaiting { timer.cancel() }
            }
        } onCancel: {
            finish(queryID, with: nil)
        }
    }

    /// Hands `answer` to the call waiting here for `queryID`, or keeps it for the call that
    /// has not parked yet.
    private func deliver(_ answer: Value, to queryID: String) {
        let waiting = entries.withLock { entries -> Entry? in
            guard var entry = entries[queryID], entry.answer == nil else { return nil }
            if entry.waiter != nil {
                entries[queryID] = nil
                return entry
            }
            entry.answer = answer
            entries[queryID] = entry
            return nil
        }
        waiting?.timer?.cancel()
        waiting?.waiter?.resume(returning: answer)
    }

    /// Ends the local wait: resumes its waiter, if parked, with `answer`.
    private func finish(_ queryID: String, with answer: Value?) {
        let entry = entries.withLock { entries -> Entry? in
            defer { entries[queryID] = nil }
            return entries[queryID]
        }
        entry?.timer?.cancel()
        entry?.waiter?.resume(returning: answer)
    }

    /// How many calls wait here; for tests.
    var openCount: Int { entries.withLock { $0.count } }
}
