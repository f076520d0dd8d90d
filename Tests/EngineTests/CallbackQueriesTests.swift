@testable import Engine
import Testing

/// The registry behind sendCallbackQuery/answerCallbackQuery: one answer per query, only
/// while its user waits, never lost, never waiting forever.
@Suite struct CallbackQueriesTests {
    static let answer = CallbackQueries.Answer(text: "ok", showAlert: false, url: nil, cacheTime: 0)

    @Test func anAnswerBeforeTheWaitIsKept() async {
        let queries = CallbackQueries()
        let id = queries.newQueryID()
        queries.open(id, botID: 1)
        #expect(queries.answer(id, botID: 1, with: Self.answer))
        #expect(await queries.wait(for: id, timeout: .seconds(30)) == Self.answer)
        #expect(queries.openCount == 0)
    }

    @Test func anAnswerReachesTheWaitingCaller() async {
        let queries = CallbackQueries()
        let id = queries.newQueryID()
        queries.open(id, botID: 1)
        async let waited = queries.wait(for: id, timeout: .seconds(30))
        // Whether or not the caller has parked yet, the answer is delivered.
        #expect(queries.answer(id, botID: 1, with: Self.answer))
        #expect(await waited == Self.answer)
    }

    @Test func onlyTheFirstAnswerOfTheRightBotCounts() async {
        let queries = CallbackQueries()
        let id = queries.newQueryID()
        queries.open(id, botID: 1)
        #expect(!queries.answer(id, botID: 2, with: Self.answer))
        #expect(queries.answer(id, botID: 1, with: Self.answer))
        #expect(!queries.answer(id, botID: 1, with: Self.answer))
        #expect(!queries.answer("unknown", botID: 1, with: Self.answer))
        _ = await queries.wait(for: id, timeout: .seconds(30))
    }

    @Test func aTimedOutQueryTakesNoLateAnswer() async {
        let queries = CallbackQueries()
        let id = queries.newQueryID()
        queries.open(id, botID: 1)
        #expect(await queries.wait(for: id, timeout: .milliseconds(1)) == nil)
        #expect(!queries.answer(id, botID: 1, with: Self.answer))
        #expect(queries.openCount == 0)
    }

    @Test func aCancelledWaitEndsAndForgetsTheQuery() async {
        let queries = CallbackQueries()
        let id = queries.newQueryID()
        queries.open(id, botID: 1)
        let task = Task { await queries.wait(for: id, timeout: .seconds(60)) }
        task.cancel()
        #expect(await task.value == nil)
        #expect(!queries.answer(id, botID: 1, with: Self.answer))
        #expect(queries.openCount == 0)
    }

    @Test func aDiscardedQueryIsGone() {
        let queries = CallbackQueries()
        let id = queries.newQueryID()
        queries.open(id, botID: 1)
        queries.discard(id)
        #expect(!queries.answer(id, botID: 1, with: Self.answer))
        #expect(queries.openCount == 0)
    }
}
