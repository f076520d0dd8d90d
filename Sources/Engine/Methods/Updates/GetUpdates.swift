import BotAPI
import Foundation

/// `getUpdates` on the bot and user surfaces, as behaviour.md §3 describes: the offset
/// confirms, `limit` is clamped to 1–100 and `timeout` to 0–50 s, a call with nothing to
/// return parks until an update arrives, and a newer parking call ends the older with 409.
///
/// Updates are confirmed only by a later call's offset, never because they were sent, so a
/// client that disconnects while parked loses nothing.
enum GetUpdates: APIMethod {
    static let name = "getUpdates"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: GetUpdatesParameters = try call.decode()
        let recipient = call.account.id
        let limit = min(max(p.limit ?? 100, 1), 100)
        let timeout = min(max(p.timeout ?? 0, 0), 50)
        let allowed = UpdateKind.parseAllowed(call.parameters["allowed_updates"])
        let engine = call.engine
        if call.caller.account?.isBot == true, try await engine.store.read({ try $0.webhook(botID: recipient) }) != nil {
            throw APIError.conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
        }
        let deadline = ContinuousClock.now + .seconds(timeout)
        var offset: Int? = p.offset
        while true {
            let seenVersion = engine.hub.version(of: recipient)
            let applyOffset = offset
            let updates = try await engine.write { tx in
                try UpdateQueues.read(recipient: recipient, offset: applyOffset, allowed: allowed, limit: limit, now: tx.now, in: tx.store)
            }
            offset = nil
            let remaining = deadline - .now
            if !updates.isEmpty || remaining <= .zero {
                return MethodResult(json: UpdateQueues.render(updates))
            }
            switch await engine.hub.wait(recipient: recipient, seenVersion: seenVersion, timeout: remaining) {
            case .updatesArrived, .timedOut:
                continue
            case .replaced:
                throw APIError.conflict("terminated by other getUpdates request; make sure that only one bot instance is running")
            case .endedBySetWebhook:
                throw APIError.conflict("terminated by setWebhook request")
            }
        }
    }
}
