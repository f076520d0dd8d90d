import Foundation
import Storage
import Testing

/// Queries and their answers (``QueryRecord``), the same on each store.
@Suite struct QueryStoreTests {
    @Test func queriesKeepTheirAnswersUntilTheyExpire() async throws {
        for fresh in try FreshStore.all() {
            let store = fresh.store
            let answer = Data(#"{"text":"ok"}"#.utf8)
            try await store.write { tx in
                try tx.save(QueryRecord(kind: .callback, id: "18446744073709551615", botID: 1, userID: 2, isGame: true, expiresAt: 110))
                // Another kind's id space: the same id is another query.
                try tx.save(QueryRecord(kind: .inline, id: "18446744073709551615", botID: 3, userID: 2, expiresAt: 200))
                try tx.save(QueryRecord(kind: .order, id: "b", botID: 1, userID: 2, expiresAt: 300, answer: answer))
                try tx.save(QueryRecord(kind: .order, id: "a", botID: 1, userID: 2, expiresAt: 250, answer: answer))
                try tx.save(QueryRecord(kind: .order, id: "c", botID: 1, userID: 4, expiresAt: 250))
            }
            let callback = try await store.read { try $0.query(kind: .callback, id: "18446744073709551615", now: 100) }
            #expect(callback == QueryRecord(kind: .callback, id: "18446744073709551615", botID: 1, userID: 2, isGame: true, expiresAt: 110), "\(fresh.kind)")
            // Answering replaces the row.
            try await store.write { tx in
                var answered = try #require(try tx.query(kind: .callback, id: "18446744073709551615", now: 100))
                answered.answer = answer
                try tx.save(answered)
            }
            #expect(try await store.read { try $0.query(kind: .callback, id: "18446744073709551615", now: 100)?.answer } == answer, "\(fresh.kind)")
            #expect(try await store.read { try $0.query(kind: .callback, id: "18446744073709551615", now: 110) } == nil, "\(fresh.kind): expired")
            #expect(try await store.read { try $0.query(kind: .inline, id: "18446744073709551615", now: 110)?.botID } == 3, "\(fresh.kind)")
            let orders = try await store.read { try $0.queries(kind: .order, userID: 2, now: 100) }
            #expect(orders.map(\.id) == ["a", "b"] && orders.allSatisfy { $0.answer == answer }, "\(fresh.kind): earliest expiry first")

            try await store.write { tx in
                try tx.deleteExpiredQueries(now: 200, limit: 10)
                try tx.deleteQueries(kind: .order, userID: 4)
                try tx.deleteQuery(kind: .order, id: "a")
                try tx.deleteQuery(kind: .order, id: "missing")
            }
            #expect(try await store.read { try $0.query(kind: .inline, id: "18446744073709551615", now: 0) } == nil, "\(fresh.kind): swept")
            #expect(try await store.read { try $0.queries(kind: .order, userID: 2, now: 0) }.map(\.id) == ["b"], "\(fresh.kind)")
            #expect(try await store.read { try $0.queries(kind: .order, userID: 4, now: 0) }.isEmpty, "\(fresh.kind)")
        }
    }
}
