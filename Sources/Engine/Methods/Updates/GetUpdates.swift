import BotAPI
import Foundation
import Storage

/// `getUpdates` on the bot and user surfaces, as behaviour.md §3 describes: the offset
/// confirms, `limit` is clamped to 1–100 and `timeout` to 0–50 s, a call with nothing to
/// return parks until an update arrives, and a newer parking call ends the older with 409.
///
/// Updates are confirmed only by a later call's offset, never because they were sent, so a
/// client that disconnects while parked loses nothing. A read that confirms nothing, deletes
/// no expired update and keeps `allowed_updates` runs on a read transaction, beside the
/// writer; the others go through the writer.
enum GetUpdates: APIMethod {
    static let name = "getUpdates"
    static let surfaces: Set<Surface> = [.bot, .user]

    /// A call with a positive `timeout` parks when nothing is pending.
    static func mayPark(_ parameters: Parameters) -> Bool {
        (parameters["timeout"].flatMap { Int($0) } ?? 0) > 0
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: GetUpdatesParameters = try call.decode()
        let timeout = min(max(p.timeout ?? 0, 0), 50)
        let poll = Poll(
            call: call, limit: min(max(p.limit ?? 100, 1), 100), timeout: timeout,
            allowed: UpdateKind.parseAllowed(call.parameters["allowed_updates"]), deadline: ContinuousClock.now + .seconds(timeout))
        return try await poll.attempt(offset: p.offset, isFirstRead: true)
    }
}

/// One call between its reads: what it asked for and until when it waits. With nothing to
/// return before its deadline it parks (``ParkedPoll``), and the engine resumes it when the
/// wait ends.
private struct Poll: Sendable {
    let call: MethodCall
    let limit: Int
    let timeout: Int
    let allowed: [UpdateKind]?
    let deadline: ContinuousClock.Instant

    var recipient: Int64 { call.account.id }
    var isBot: Bool { call.account.isBot }

    /// Reads the queue (confirming what `offset` confirms); answers what it finds, or parks.
    func attempt(offset: Int?, isFirstRead: Bool) async throws -> MethodResult {
        let engine = call.engine
        // The version is read before the queue: anything committed after this read, a
        // setWebhook included, moves it and ends the wait at once.
        let seenVersion = engine.hub.version(of: recipient)
        // A token revoked (or an account deleted) since the call began ends it at once:
        // the revocation moves the version after replacing the cached account.
        try await engine.requireCurrent(call.account)
        let updates = try await read(offset: offset, isFirstRead: isFirstRead)
        if !updates.isEmpty || deadline - .now <= .zero {
            return MethodResult(json: UpdateQueues.render(updates))
        }
        return .parked(ParkedPoll(recipient: recipient, seenVersion: seenVersion, deadline: deadline) { outcome in
            try await resume(after: outcome)
        })
    }

    private func resume(after outcome: UpdateHub.WaitOutcome) async throws -> MethodResult {
        switch outcome {
        case .worldRestored, .serverStopping:
            // The queue it read belongs to a world that is gone, or the server is stopping
            // and should not hold the connection until the timeout: answer with nothing (what
            // it found when it parked); the next call's offset is still valid (update ids
            // never go back).
            return MethodResult(json: UpdateQueues.render([]))
        case .updatesArrived, .timedOut:
            // Cancelled (the server saw the client go away): end without reading again,
            // instead of parking again at once. Nobody receives this answer.
            if Task.isCancelled { return MethodResult(json: UpdateQueues.render([])) }
            return try await attempt(offset: nil, isFirstRead: false)
        case .replaced:
            // Webhook delivery also waits on the hub once a webhook is set.
            if isBot, try await call.engine.store.read({ [recipient] in try $0.webhook(botID: recipient) }) != nil {
                throw terminatedBySetWebhook
            }
            throw APIError.conflict("terminated by other getUpdates request; make sure that only one bot instance is running")
        }
    }

    /// One read of the queue. A call parked on another instance sharing the store ends with
    /// 409, as one parked here does when this call parks: that signal goes out with a write.
    /// Otherwise reading changes nothing in the common case (a woken poll, an offset that
    /// confirms nothing new), and then the writer is not involved at all. A call whose offset
    /// is known to confirm what the last read returned (a busy bot's loop) goes to the writer
    /// at once.
    private func read(offset: Int?, isFirstRead: Bool) async throws -> [UpdateRecord] {
        let updates = try await readOnce(offset: offset, isFirstRead: isFirstRead)
        call.engine.hub.notePendingSeen(from: updates.first?.updateID, by: recipient)
        return updates
    }

    private func readOnce(offset: Int?, isFirstRead: Bool) async throws -> [UpdateRecord] {
        let engine = call.engine
        let (recipient, isBot, allowed, limit) = (recipient, isBot, allowed, limit)
        let signalsPoll = isFirstRead && timeout > 0 && engine.store.isSharedWithOtherInstances
        let confirmsSeen = offset.map { offset in offset > 0 && engine.hub.oldestPendingSeen(by: recipient).map { Int64(offset) > $0 } == true } ?? false
        if !signalsPoll && !confirmsSeen {
            let now = engine.clock.now()
            let unchanged = try await engine.store.read { reader in
                if isBot, try reader.webhook(botID: recipient) != nil {
                    throw isFirstRead ? webhookIsActive : terminatedBySetWebhook
                }
                return try UpdateQueues.readWithoutChange(
                    recipient: recipient, offset: offset, allowed: allowed, limit: limit, now: now, in: reader)
            }
            if let unchanged { return unchanged }
        }
        return try await engine.write { tx in
            if isBot, try tx.store.webhook(botID: recipient) != nil {
                throw isFirstRead ? webhookIsActive : terminatedBySetWebhook
            }
            if signalsPoll { tx.signalOtherInstances(.pollStarted(recipient: recipient)) }
            return try UpdateQueues.read(recipient: recipient, offset: offset, allowed: allowed, limit: limit, now: tx.now, in: tx.store)
        }
    }
}

private let webhookIsActive = APIError.conflict(
    "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
private let terminatedBySetWebhook = APIError.conflict("terminated by setWebhook request")
