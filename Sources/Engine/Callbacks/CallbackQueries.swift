import BotAPI
import Synchronization

/// What a bot answered to a callback query, as `sendCallbackQuery` returns it to the user:
/// `{"text"?, "show_alert", "url"?, "cache_time"}`.
struct CallbackAnswer: Sendable, Equatable, JSONWritable {
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
/// (`answerCallbackQuery`) and inline queries (`answerInlineQuery`).
///
/// A query is opened before its update is committed and lives only while the user's call
/// waits: the first answer ends the wait; an answer after the wait ended (timed out, or the
/// caller went away), a second answer, or an answer from another bot finds nothing and gets
/// the official "query is too old…" error. So the registry holds at most one entry per
/// waiting call, and every wait is bounded by its timeout.
///
/// Wake-ups are never lost: an answer that arrives before the caller parks is kept in the
/// entry and returned as soon as the caller looks.
///
/// Queries are in memory on purpose: an answer only matters to a caller that is still
/// connected to this process. Each ``Engine`` owns one registry per kind; it also checks the
/// answering bot, so a query id can only be answered by the bot it was sent to.
final class PendingAnswers<Value: Sendable>: Sendable {
    private struct Entry {
        let botID: Int64
        /// The user who pressed the button, 0 when not recorded.
        var userID: Int64 = 0
        /// Whether the press was a game button, whose answer may open the game's URL.
        var isGame = false
        var answer: Value?
        var waiter: CheckedContinuation<Value?, Never>?
        var timer: Task<Void, Never>?
    }

    private let entries = Mutex<[String: Entry]>([:])

    init() {}

    /// A fresh query id: a decimal 64-bit number, as the official ids are.
    func newQueryID() -> String {
        String(UInt64.random(in: 1...UInt64.max))
    }

    /// Starts accepting an answer from `botID` for `queryID`, which `userID` waits for.
    func open(_ queryID: String, botID: Int64, userID: Int64 = 0, isGame: Bool = false) {
        entries.withLock { $0[queryID] = Entry(botID: botID, userID: userID, isGame: isGame) }
    }

    /// Whether `queryID` is an open query of `botID` from a game button.
    func isGameQuery(_ queryID: String, botID: Int64) -> Bool {
        entries.withLock { entries in entries[queryID].map { $0.botID == botID && $0.isGame } ?? false }
    }

    /// Ends every wait of `userID` without an answer: its token was revoked or it was
    /// deleted. A scan, because this is rare and the registry holds only waiting calls.
    func endWaits(of userID: Int64) {
        let queryIDs = entries.withLock { entries in entries.filter { $0.value.userID == userID }.map(\.key) }
        for queryID in queryIDs { finish(queryID, with: nil) }
    }

    /// Forgets a query whose update was never committed.
    func discard(_ queryID: String) {
        finish(queryID, with: nil)
    }

    /// Records `botID`'s answer. Returns false when the query is unknown, already answered,
    /// no longer waited for, or belongs to another bot.
    func answer(_ queryID: String, botID: Int64, with answer: Value) -> Bool {
        let waiter = entries.withLock { entries -> Entry?? in
            guard var entry = entries[queryID], entry.botID == botID, entry.answer == nil else { return .none }
            if entry.waiter != nil {
                entries[queryID] = nil
                return .some(entry)
            }
            entry.answer = answer
            entries[queryID] = entry
            return .some(nil)
        }
        guard let waiter else { return false }
        if let waiter {
            waiter.timer?.cancel()
            waiter.waiter?.resume(returning: answer)
        }
        return true
    }

    /// Whether `queryID` is open for an answer from `botID`: its user still waits and no
    /// answer came yet.
    func isOpen(_ queryID: String, botID: Int64) -> Bool {
        entries.withLock { entries in entries[queryID].map { $0.botID == botID && $0.answer == nil } ?? false }
    }

    /// Waits up to `timeout` for the answer to `queryID`, then forgets the query. Nil when
    /// no answer came in time or the task was cancelled.
    func wait(for queryID: String, timeout: Duration) async -> Value? {
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

    /// Ends the query: resumes its waiter, if parked, with `answer`.
    private func finish(_ queryID: String, with answer: Value?) {
        let entry = entries.withLock { entries -> Entry? in
            defer { entries[queryID] = nil }
            return entries[queryID]
        }
        entry?.timer?.cancel()
        entry?.waiter?.resume(returning: answer)
    }

    /// How many queries are open; for tests.
    var openCount: Int { entries.withLock { $0.count } }
}
