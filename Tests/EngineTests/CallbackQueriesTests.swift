import Foundation
@testable import Engine
import Storage
import Testing

/// Two engines on one store: two server instances sharing a world. Signals between them
/// are applied by hand (``Engine/apply(_:)``), so a test decides whether one arrives.
struct SharedStore {
    let a: Engine
    let b: Engine
    let clock = ManualClock()

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("botapi-queries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try TestStores.open(path: directory.appendingPathComponent("botapi.sqlite").path)
        a = Engine(store: store, clock: clock, adminToken: "admin")
        b = Engine(store: store, clock: clock, adminToken: "admin")
    }
}

/// The registry behind sendCallbackQuery/answerCallbackQuery (and the other waiting calls):
/// one answer per query, only while its user waits, on whichever instance it is given, never
/// lost, never waiting forever. Runs on PostgreSQL too with BOTAPI_TEST_DATABASE.
@Suite struct CallbackQueriesTests {
    static let answer = CallbackQueries.Answer(text: "ok", showAlert: false, url: nil, cacheTime: 0)

    /// Opens a callback query of bot 1 for user 2 on `engine`, committed.
    static func open(on engine: Engine, timeout: Duration = .seconds(30)) async throws -> String {
        let queries = engine.callbackQueries
        let id = queries.newQueryID()
        try await engine.write { tx in try queries.open(id, botID: 1, userID: 2, timeout: timeout, in: tx) }
        return id
    }

    /// `botID`'s answer given through `engine`.
    static func answer(_ id: String, on engine: Engine, botID: Int64 = 1) async throws -> Bool {
        let queries = engine.callbackQueries
        return try await engine.write { tx in try queries.answer(id, botID: botID, with: Self.answer, in: tx) }
    }

    @Test func anAnswerBeforeTheWaitIsKept() async throws {
        let world = try SharedStore()
        let id = try await Self.open(on: world.a)
        #expect(try await Self.answer(id, on: world.a))
        #expect(await world.a.callbackQueries.wait(for: id, timeout: .seconds(30), engine: world.a) == Self.answer)
        #expect(world.a.callbackQueries.openCount == 0)
    }

    @Test func anAnswerReachesTheWaitingCaller() async throws {
        let world = try SharedStore()
        let id = try await Self.open(on: world.a)
        async let waited = world.a.callbackQueries.wait(for: id, timeout: .seconds(30), engine: world.a)
        // Whether or not the caller has parked yet, the answer is delivered.
        #expect(try await Self.answer(id, on: world.a))
        #expect(await waited == Self.answer)
    }

    @Test func onlyTheFirstAnswerOfTheRightBotCounts() async throws {
        let world = try SharedStore()
        let id = try await Self.open(on: world.a)
        #expect(try await !Self.answer(id, on: world.a, botID: 3))
        #expect(try await Self.answer(id, on: world.a))
        #expect(try await !Self.answer(id, on: world.a))
        // Nor does a second answer through another instance.
        #expect(try await !Self.answer(id, on: world.b))
        #expect(try await !Self.answer("unknown", on: world.b))
        _ = await world.a.callbackQueries.wait(for: id, timeout: .seconds(30), engine: world.a)
    }

    @Test func aTimedOutQueryTakesNoLateAnswer() async throws {
        let world = try SharedStore()
        let id = try await Self.open(on: world.a)
        #expect(await world.a.callbackQueries.wait(for: id, timeout: .milliseconds(1), engine: world.a) == nil)
        #expect(try await !Self.answer(id, on: world.a))
        #expect(try await !Self.answer(id, on: world.b))
        #expect(world.a.callbackQueries.openCount == 0)
    }

    @Test func aCancelledWaitEndsAndForgetsTheQuery() async throws {
        let world = try SharedStore()
        let id = try await Self.open(on: world.a)
        let a = world.a
        let task = Task { await a.callbackQueries.wait(for: id, timeout: .seconds(60), engine: a) }
        task.cancel()
        #expect(await task.value == nil)
        #expect(try await !Self.answer(id, on: world.b))
        #expect(world.a.callbackQueries.openCount == 0)
    }

    @Test func aQueryWhoseUpdateWasNotCommittedIsGone() async throws {
        struct Refused: Error {}
        let world = try SharedStore()
        let queries = world.a.callbackQueries
        let id = queries.newQueryID()
        await #expect(throws: Refused.self) {
            try await world.a.write { tx in
                try queries.open(id, botID: 1, userID: 2, timeout: .seconds(30), in: tx)
                throw Refused()
            }
        }
        queries.discard(id)
        #expect(try await !Self.answer(id, on: world.a))
        #expect(queries.openCount == 0)
    }

    @Test func anAnswerGivenOnAnotherInstanceWakesTheWaiterOnItsSignal() async throws {
        let world = try SharedStore()
        let id = try await Self.open(on: world.a)
        let started = ContinuousClock.now
        async let waited = world.a.callbackQueries.wait(for: id, timeout: .seconds(30), engine: world.a)
        // Instance B holds nothing of the query in memory, and takes the answer all the same.
        #expect(world.b.callbackQueries.openCount == 0)
        #expect(try await Self.answer(id, on: world.b))
        world.a.apply(.queryAnswered(kind: .callback, id: id))
        #expect(await waited == Self.answer)
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(world.a.callbackQueries.openCount == 0)
    }

    @Test func anAnswerWhoseSignalNeverCameIsTakenWhenTheWaitEnds() async throws {
        let world = try SharedStore()
        let id = try await Self.open(on: world.a)
        async let waited = world.a.callbackQueries.wait(for: id, timeout: .milliseconds(300), engine: world.a)
        #expect(try await Self.answer(id, on: world.b))
        #expect(await waited == Self.answer)
        #expect(try await !Self.answer(id, on: world.a))
    }

    @Test func aSignalForAQueryNoOneWaitsForHereChangesNothing() async throws {
        let world = try SharedStore()
        let id = try await Self.open(on: world.a)
        world.b.apply(.queryAnswered(kind: .callback, id: id))
        world.a.apply(.queryAnswered(kind: .callback, id: "unknown"))
        #expect(world.b.callbackQueries.openCount == 0)
        // Still open: the signal is no answer.
        #expect(try await Self.answer(id, on: world.b))
    }

    /// The stored query expires with its wait: an instance that died while its user waited
    /// leaves no query that takes an answer.
    @Test func theStoredQueryExpiresWithItsWait() async throws {
        let world = try SharedStore()
        let id = try await Self.open(on: world.a, timeout: .milliseconds(500))
        world.clock.advance(by: 1)
        // Within the wait's second, rounded up, another instance still takes an answer…
        let other = try await Self.open(on: world.a, timeout: .milliseconds(500))
        #expect(try await Self.answer(other, on: world.b))
        // …and after it none.
        world.clock.advance(by: 1)
        #expect(try await !Self.answer(id, on: world.b))
    }

    @Test func paymentAndInlineAnswersCrossInstancesWhole() async throws {
        let world = try SharedStore()
        let choice = ShippingChoice(id: "fast", title: "Fast", prices: [PriceLine(label: "Courier", amount: 500)])
        let shipping = world.a.paymentQueries.shipping
        let shippingID = shipping.newQueryID()
        try await world.a.write { tx in try shipping.open(shippingID, botID: 1, userID: 2, timeout: .seconds(30), in: tx) }
        async let options = shipping.wait(for: shippingID, timeout: .seconds(30), engine: world.a)
        let answered = try await world.b.write { tx in
            try world.b.paymentQueries.shipping.answer(shippingID, botID: 1, with: .options([choice]), in: tx)
        }
        #expect(answered)
        world.a.apply(.queryAnswered(kind: .shipping, id: shippingID))
        #expect(await options == .options([choice]))

        let inline = world.a.inlineQueries
        let inlineID = inline.newQueryID()
        try await world.a.write { tx in try inline.open(inlineID, botID: 1, userID: 2, timeout: .seconds(30), in: tx) }
        async let results = inline.wait(for: inlineID, timeout: .seconds(30), engine: world.a)
        let given = InlineQueryAnswer(
            queryID: inlineID, results: [#"{"type":"article","id":"1"}"#], nextOffset: "10", button: nil, cacheTime: 5, isPersonal: true)
        // A pre-checkout query of the same id is another query: it takes no inline answer.
        #expect(try await !world.b.write { tx in try world.b.paymentQueries.preCheckout.answer(inlineID, botID: 1, with: .ok, in: tx) })
        #expect(try await world.b.write { tx in try world.b.inlineQueries.answer(inlineID, botID: 1, with: given, in: tx) })
        world.a.apply(.queryAnswered(kind: .inline, id: inlineID))
        let got = await results
        #expect(got?.results == given.results && got?.nextOffset == "10" && got?.cacheTime == 5 && got?.isPersonal == true)
    }
}
