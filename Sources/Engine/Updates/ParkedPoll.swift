import BotAPI
import Foundation

/// One step of ``Engine/start(surface:token:method:parameters:)`` or
/// ``Engine/resume(_:after:)``: the call's answer, or a long poll parked until its recipient
/// has updates.
public enum CallStep: Sendable {
    case answered(Result<MethodResult, APIError>)
    case parked(ParkedCall)
}

/// A call parked in a long poll: what it waits for, and everything needed to go on once the
/// wait ends (``Engine/resume(_:after:)``). It holds no task: the server keeps this value
/// with the connection (a few hundred bytes) instead of a suspended handler chain.
public struct ParkedCall: Sendable {
    let poll: ParkedPoll
    let caller: Caller
    let method: String
    let parameters: Parameters
    let started: CallStart

    /// Whose updates it waits for.
    public var recipient: Int64 { poll.recipient }
    /// The recipient's hub version the call read its queue at.
    public var seenVersion: UInt64 { poll.seenVersion }
    /// When the wait times out.
    public var deadline: ContinuousClock.Instant { poll.deadline }
}

/// When a call began, for its call-log entry.
struct CallStart: Sendable {
    let wallClock = Date().timeIntervalSince1970
    let instant = ContinuousClock.now
}

/// A long poll that found nothing to return yet: what it waits for, and how it goes on.
///
/// A method that would wait (getUpdates with a timeout) returns one of these, inside its
/// ``MethodResult``, instead of waiting itself, and the engine hands it out as a
/// ``ParkedCall``. The point is memory: a call waiting inside the method is a suspended
/// chain of async frames (the HTTP framework's, the responder's, the engine's, the method's),
/// about 20 KB per parked call since a task keeps the slabs of its deepest chain. What the
/// method needs to go on is held by ``resume`` instead: a stored continuation of a few
/// hundred bytes (BENCHMARKS.md, "parked calls").
struct ParkedPoll: Sendable {
    let recipient: Int64
    /// The recipient's hub version, read before its queue was (``UpdateHub``).
    let seenVersion: UInt64
    let deadline: ContinuousClock.Instant
    /// Goes on once the wait has ended: answers, or parks again.
    let resume: @Sendable (UpdateHub.WaitOutcome) async throws -> MethodResult
}
