@testable import Engine
import Storage
import Testing

/// The text other instances read: stable, and strict about what it accepts.
@Suite struct InstanceSignalTests {
    @Test func signalsSurviveTheirText() {
        let signals: [InstanceSignal] = [
            .updatesQueued([1, 42, 1_000_000_000_123]), .accountChanged(id: 7, endsSessions: true),
            .accountChanged(id: 8, endsSessions: false), .pollStarted(recipient: 9),
            .queryAnswered(kind: .callback, id: "18446744073709551615"), .queryAnswered(kind: .preCheckout, id: "5"),
            .webhookChanged(botID: 10, wakesPoll: true), .webhookChanged(botID: 11, wakesPoll: false),
            .pollDeadlineScheduled(closeAt: 1_767_225_600), .clockAdvanced(seconds: 3600), .worldRestored,
        ]
        for signal in signals { #expect(InstanceSignal(text: signal.text) == signal) }
        #expect(InstanceSignal.updatesQueued([3, 4]).text == "u 3 4")
        #expect(InstanceSignal.queryAnswered(kind: .inline, id: "12").text == "q inline 12")
        #expect(InstanceSignal.webhookChanged(botID: 5, wakesPoll: true).text == "w 5 1")
        #expect(InstanceSignal.worldRestored.text == "r")
    }

    @Test func unknownOrMalformedTextIsIgnored() {
        for text in [
            "", "u", "x 1", "u 1 two", "a 1", "a 1 2", "p 1 2", "p", "u  1", "q", "q callback", "q nope 1", "q callback 1 2",
            "q callback ", "w 1", "w 1 2", "w 1 1 1", "d", "d 1 2", "d x", "t", "t 0", "t -5", "t 1 2", "r 1", "r ", " r",
        ] {
            #expect(InstanceSignal(text: text) == nil, "\(text)")
        }
    }

    /// The largest fan-out signal fits PostgreSQL's 8000-byte NOTIFY payload.
    @Test func theLargestSignalFitsOneNotification() {
        let ids = Array(repeating: Int64.max, count: InstanceSignal.maxRecipientsPerSignal)
        // With room for the sending instance's id (a UUID and a space) in front.
        #expect(InstanceSignal.updatesQueued(ids).text.utf8.count + 37 < 8000)
    }
}
