import BotAPI
import Foundation
import Storage
import Synchronization

/// Where a bot's updates go while it has a webhook, as the delivery side needs it.
public struct WebhookTarget: Sendable, Equatable {
    public let botID: Int64
    /// The bot's token, for executing a method answered in a webhook response.
    public let token: String
    public let url: String
    public let secretToken: String?
    public let maxConnections: Int
    /// Deliver to this address instead of resolving the URL's host.
    public let ipAddress: String?
    /// The uploaded certificate (PEM or DER): the only trust anchor for an https URL.
    public let certificate: Data?
    /// Changes with every setWebhook.
    public let generation: Int64
}

/// One update waiting for webhook delivery.
public struct WebhookDelivery: Sendable, Equatable {
    public let updateID: Int64
    /// Updates with the same key are delivered one at a time, in id order.
    public let key: String
    /// The request body: one Update object, exactly as getUpdates would return it.
    public let body: [UInt8]
    /// Unix time after which the update is dropped undelivered.
    public let expiresAt: Int64
}

/// Told when a bot's webhook is set, changed or deleted.
public protocol WebhookObserver: Sendable {
    func webhookDidChange(botID: Int64)
    /// Every webhook may have changed (the world was restored): read them all again.
    func webhooksNeedRereading()
}

/// The engine's side of webhook delivery: the delivery module reads targets and pending
/// updates here and reports back successes and errors. Updates wait in the same queue
/// getUpdates reads, so deleting a webhook hands unconfirmed updates back to getUpdates.
extension Engine {
    /// Registers the delivery side; it is told about every webhook change.
    public func setWebhookObserver(_ observer: (any WebhookObserver)?) {
        webhookObserver.withLock { $0 = observer }
    }

    func webhookDidChange(botID: Int64) {
        let observer = webhookObserver.withLock { $0 }
        observer?.webhookDidChange(botID: botID)
    }

    /// Every bot that has a webhook, e.g. to resume deliveries after a restart.
    public func webhookTargets() async throws -> [WebhookTarget] {
        try await store.read { tx in
            try tx.webhooks().compactMap { record in try Self.target(record, in: tx) }
        }
    }

    /// The bot's current webhook, or nil.
    public func webhookTarget(botID: Int64) async throws -> WebhookTarget? {
        try await store.read { tx in
            try tx.webhook(botID: botID).flatMap { try Self.target($0, in: tx) }
        }
    }

    private static func target(_ record: WebhookRecord, in tx: any StoreReader) throws -> WebhookTarget? {
        guard let bot = try tx.account(id: record.botID), !bot.isDeleted else { return nil }
        return WebhookTarget(
            botID: record.botID, token: "\(bot.id):\(bot.tokenSecret)", url: record.url, secretToken: record.secretToken,
            maxConnections: record.maxConnections, ipAddress: record.ipAddress, certificate: record.certificate,
            generation: record.generation)
    }

    /// Up to `limit` undelivered, unexpired updates of the bot, oldest first.
    ///
    /// With `generation`, nothing is returned once a later setWebhook or deleteWebhook has
    /// committed: its worker is about to be replaced, and updates committed after the change
    /// must go only to the new URL. Reading both in one transaction is what makes that exact:
    /// a read that sees an update also sees every webhook change committed before it.
    ///
    /// With `lease`, throws ``WebhookLeaseLost`` once another instance holds the bot's lease.
    public func pendingDeliveries(
        botID: Int64, generation: Int64? = nil, limit: Int, lease: WebhookLease? = nil
    ) async throws -> [WebhookDelivery] {
        let now = clock.now()
        let records = try await write { tx -> [UpdateRecord]? in
            if let lease, try !Self.holds(lease, in: tx.store) { return nil }
            if let generation, try tx.store.webhook(botID: botID)?.generation != generation { return [] }
            return try UpdateQueues.unexpired(recipient: botID, from: 0, limit: limit, now: now, in: tx.store)
        }
        guard let records else { throw WebhookLeaseLost(botID: botID) }
        return records.map { record in
            var body: [UInt8] = []
            body.reserveCapacity(record.payload.count + 32)
            UpdateQueues.appendUpdate(record, to: &body)
            return WebhookDelivery(updateID: record.updateID, key: record.deliveryKey, body: body, expiresAt: record.expiresAt)
        }
    }

    /// The webhook answered 2xx (or the update expired): the updates leave the queue, in one
    /// transaction. The delivery side collects the 2xx answers that arrive while one
    /// confirmation commits and confirms them together.
    ///
    /// With `lease`, nothing is confirmed and ``WebhookLeaseLost`` is thrown once another
    /// instance holds the bot's lease: that instance delivers the updates again.
    public func confirmDeliveries(botID: Int64, updateIDs: [Int64], lease: WebhookLease? = nil) async throws {
        guard !updateIDs.isEmpty else { return }
        let confirmed = try await write { tx -> Bool in
            if let lease, try !Self.holds(lease, in: tx.store) { return false }
            for updateID in updateIDs { try tx.store.deleteUpdate(recipientID: botID, updateID: updateID) }
            return true
        }
        guard confirmed else { throw WebhookLeaseLost(botID: botID) }
    }

    /// Records a failed delivery for getWebhookInfo's `last_error_date`/`last_error_message`.
    /// Errors stay until the next setWebhook or deleteWebhook, as on the official server.
    ///
    /// With `lease`, nothing is recorded once another instance holds the bot's lease: a
    /// stalled former holder must not overwrite what the new holder's deliveries show.
    public func recordWebhookError(botID: Int64, generation: Int64, message: String, lease: WebhookLease? = nil) async throws {
        let now = clock.now()
        try await write { tx in
            if let lease, try !Self.holds(lease, in: tx.store) { return }
            guard var record = try tx.store.webhook(botID: botID), record.generation == generation else { return }
            record.lastErrorDate = now
            record.lastErrorMessage = message
            try tx.store.save(record)
        }
    }

    /// Runs a method the webhook answered with, as a call of that bot. The official
    /// exclusions apply: setWebhook, deleteWebhook, close, logOut and every get… method are
    /// ignored. The result is discarded, as on the official server.
    public func executeWebhookReply(target: WebhookTarget, parameters: Parameters) async {
        guard let method = parameters["method"] else { return }
        let lowered = method.lowercased()
        guard !["setwebhook", "deletewebhook", "close", "logout"].contains(lowered), !lowered.hasPrefix("get") else { return }
        let token = target.token
        _ = await call(surface: .bot, token: Substring(token), method: method, parameters: parameters)
    }
}
