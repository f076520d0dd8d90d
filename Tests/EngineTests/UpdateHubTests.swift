import Engine
import Testing

@Suite struct UpdateHubTests {
    @Test func aNotificationBeforeParkingIsNotLost() async {
        let hub = UpdateHub()
        let seen = hub.version(of: 1)
        hub.notify([1])
        // The version moved after it was read: the wait returns at once.
        #expect(await hub.wait(recipient: 1, seenVersion: seen, timeout: .seconds(30)) == .updatesArrived)
    }

    @Test func notifyWakesTheParkedCall() async throws {
        let hub = UpdateHub()
        let seen = hub.version(of: 7)
        async let outcome = hub.wait(recipient: 7, seenVersion: seen, timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(50))
        hub.notify([7])
        #expect(await outcome == .updatesArrived)
    }

    @Test func aNewerWaitReplacesTheOlder() async throws {
        let hub = UpdateHub()
        async let older = hub.wait(recipient: 3, seenVersion: 0, timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(50))
        async let newer = hub.wait(recipient: 3, seenVersion: 0, timeout: .milliseconds(100))
        #expect(await older == .replaced)
        #expect(await newer == .timedOut)
    }

    @Test func otherRecipientsAreUnaffected() async throws {
        let hub = UpdateHub()
        async let parked = hub.wait(recipient: 1, seenVersion: 0, timeout: .milliseconds(200))
        try await Task.sleep(for: .milliseconds(20))
        hub.notify([2])
        #expect(await parked == .timedOut)
    }

    @Test func cancellationEndsTheWait() async throws {
        let hub = UpdateHub()
        let task = Task { await hub.wait(recipient: 9, seenVersion: 0, timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        #expect(await task.value == .timedOut)
    }
}

@Suite struct UpdateHubTimeoutTests {
    /// Timeouts share one sleeper: a shorter timeout parked after a longer one still ends
    /// first, and the longer one stays parked.
    @Test func aShorterTimeoutParkedLaterEndsFirst() async throws {
        let hub = UpdateHub()
        async let long = hub.wait(recipient: 1, seenVersion: 0, timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(20))
        #expect(await hub.wait(recipient: 2, seenVersion: 0, timeout: .milliseconds(50)) == .timedOut)
        #expect(hub.isParked(1))
        #expect(!hub.isParked(2))
        hub.notify([1])
        #expect(await long == .updatesArrived)
        #expect(hub.parkedCount == 0)
    }

    @Test func manyTimeoutsAllEnd() async {
        let hub = UpdateHub()
        let outcomes = await withTaskGroup(of: UpdateHub.WaitOutcome.self) { group in
            for recipient in 0..<200 {
                group.addTask { await hub.wait(recipient: Int64(recipient), seenVersion: 0, timeout: .milliseconds(10 + recipient % 50)) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 200 && outcomes.allSatisfy { $0 == .timedOut })
        #expect(hub.parkedCount == 0)
    }
}
