import BotAPI
import Foundation
import Storage

/// `setWebhook`: from now on the bot's updates are POSTed to `url` instead of waiting for
/// getUpdates. Follows behaviour.md §4.1–4.2: an empty `url` deletes the webhook, unchanged
/// settings answer "Webhook is already set", a parked getUpdates ends with 409, and at most
/// one non-empty setWebhook per second is accepted.
enum SetWebhook: APIMethod {
    static let name = "setWebhook"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        // An absent or empty url behaves exactly like deleteWebhook.
        guard call.parameters["url"] != nil else {
            let p: DeleteWebhookParameters = try call.decode()
            return try await DeleteWebhook.delete(call, dropPendingUpdates: p.dropPendingUpdates ?? false)
        }
        let p: SetWebhookParameters = try call.decode()
        let url = p.url
        guard let parsed = WebhookURL(url) else { throw APIError.badRequest("invalid webhook URL specified") }
        let secret = p.secretToken.flatMap { $0.isEmpty ? nil : $0 }
        if let secret {
            guard secret.utf8.count <= 256 else { throw APIError.badRequest("secret token is too long") }
            let allowed = secret.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
            guard allowed else { throw APIError.badRequest("secret token contains unallowed characters") }
        }
        let certificate = try uploadedCertificate(call)
        let fixedIP = p.ipAddress.flatMap { $0.isEmpty ? nil : $0 }
        if let fixedIP, !WebhookURL.isIPAddress(fixedIP) { throw APIError.badRequest("bad webhook: Invalid IP address specified") }
        if call.engine.options.strictWebhooks { try WebhookAddressRules.check(parsed, fixedIP: fixedIP) }
        let maxConnections = min(max(p.maxConnections ?? 40, 1), 100)
        let allowed = UpdateKind.parseAllowed(call.parameters["allowed_updates"])
        let drop = p.dropPendingUpdates ?? false
        let botID = call.account.id

        try checkRateLimit(call.engine, botID: botID)
        let changed = try await call.engine.write { tx -> Bool in
            if let allowed {
                _ = try UpdateQueues.read(recipient: botID, offset: nil, allowed: allowed, limit: 1, now: tx.now, in: tx.store)
            }
            let existing = try tx.store.webhook(botID: botID)
            if let existing, certificate == nil, !drop, existing.url == url, existing.secretToken == secret,
               existing.maxConnections == maxConnections, existing.ipAddress == fixedIP, existing.certificate == nil
            {
                return false
            }
            if drop { try tx.store.deleteAllUpdates(recipientID: botID) }
            try tx.store.save(WebhookRecord(
                botID: botID, url: url, secretToken: secret, maxConnections: maxConnections, ipAddress: fixedIP,
                certificate: certificate, generation: (existing?.generation ?? 0) + 1))
            tx.webhookDidChange(botID: botID, wakesPoll: true)
            return true
        }
        guard changed else { return MethodResult(true, description: "Webhook is already set") }
        return MethodResult(true, description: "Webhook was set")
    }

    /// The `certificate` upload (a multipart part, directly or via `attach://`), at most 3 MiB.
    private static func uploadedCertificate(_ call: MethodCall) throws -> Data? {
        var name = "certificate"
        if let value = call.parameters["certificate"], value.hasPrefix("attach://") { name = String(value.dropFirst(9)) }
        guard let file = call.parameters.file(named: name) else { return nil }
        guard file.data.count <= 3 << 20 else { throw APIError.badRequest("certificate size is too big (\(file.data.count) bytes)") }
        return file.data
    }


    /// At most one setWebhook with a URL per second per bot: 429 "retry after 1" otherwise.
    private static func checkRateLimit(_ engine: Engine, botID: Int64) throws {
        let now = ContinuousClock.now
        let allowed = engine.lastWebhookSet.withLock { last -> Bool in
            if let previous = last[botID], now - previous < .seconds(1) { return false }
            last[botID] = now
            return true
        }
        guard allowed else { throw APIError.tooManyRequests(retryAfter: 1) }
    }
}
