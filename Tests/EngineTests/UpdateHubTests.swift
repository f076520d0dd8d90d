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
