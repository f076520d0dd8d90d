import BotAPI
import Foundation
import Storage

/// Snapshots of the world (`saveSnapshot` / `restoreSnapshot` / `listSnapshots`, USER-API.md
/// "Test controls"): the store copies and restores the rows and files
/// (``SnapshottingStore``); the engine keeps what must not go back, and forgets what it kept
/// in memory of the world that was replaced.
///
/// What never goes back across a restore:
/// - update ids: each recipient's restored queue is moved above every id issued before the
///   restore (its pending updates keep their order, renumbered from there), so a bot's
///   confirmed offset neither re-reads an old update nor skips a new one;
/// - webhook generations: a restored webhook is a new setting, so its delivery worker starts
///   afresh; delivery leases stay the running instances' (they are not the world's);
/// - the world's clock, which is not part of a snapshot.
extension Engine {
    /// What a restore carries over from the world it replaces.
    struct WorldBeforeRestore: Sendable {
        /// Every queue's next update id.
        var nextUpdateIDs: [Int64: Int64]
        var webhookGenerations: [Int64: Int64]
        var leases: [WebhookLeaseRecord]
    }

    /// The store, when it can take snapshots.
    var snapshottingStore: (any SnapshottingStore)? { store as? any SnapshottingStore }

    /// Saves the world under `name` (a checked ``SnapshotName``).
    func saveWorld(as name: String) async throws {
        guard let store = snapshottingStore else { throw Self.noSnapshots }
        try await store.saveSnapshot(named: name, filesDirectory: options.filesDirectory, savedAt: clock.now())
    }

    /// Replaces the world with the snapshot `name`; false when there is none. Parked calls
    /// end (getUpdates answers what it has, an empty list), caches are dropped, webhook
    /// deliveries start again from the restored queues, and other instances sharing the
    /// store do the same when they hear of it.
    func restoreWorld(from name: String) async throws -> Bool {
        guard let store = snapshottingStore else { throw Self.noSnapshots }
        let restored = try await store.restoreSnapshot(
            named: name, filesDirectory: options.filesDirectory,
            capture: { tx in
                WorldBeforeRestore(
                    nextUpdateIDs: Dictionary(try tx.allUpdateQueues().map { ($0.recipientID, $0.nextUpdateID) }, uniquingKeysWith: max),
                    webhookGenerations: Dictionary(try tx.webhooks().map { ($0.botID, $0.generation) }, uniquingKeysWith: max),
                    leases: try tx.webhookLeases())
            },
            reconcile: { tx, before in
                try Self.reconcile(tx, with: before)
                tx.signalOtherInstances(InstanceSignal.worldRestored.text)
            })
        guard restored else { return false }
        await worldWasRestored()
        return true
    }

    /// Brings the restored world in line with `before` (see the type's comment).
    private static func reconcile(_ tx: any StoreWriter, with before: WorldBeforeRestore) throws {
        for (recipient, floor) in before.nextUpdateIDs {
            guard var queue = try tx.updateQueue(recipientID: recipient) else {
                // Not in the snapshot: an account of that id made later starts above it too.
                try tx.save(UpdateQueueRecord(recipientID: recipient, nextUpdateID: floor))
                continue
            }
            let lowest = try tx.oldestPendingUpdateID(recipientID: recipient) ?? queue.nextUpdateID
            let shift = floor - lowest
            guard shift > 0 else { continue }
            try tx.shiftPendingUpdates(recipientID: recipient, by: shift)
            queue.nextUpdateID += shift
            try tx.save(queue)
        }
        for var webhook in try tx.webhooks() {
            webhook.generation = max(webhook.generation, before.webhookGenerations[webhook.botID] ?? 0) + 1
            try tx.save(webhook)
        }
        for lease in try tx.webhookLeases() { try tx.deleteWebhookLease(botID: lease.botID) }
        for lease in before.leases { try tx.save(lease) }
    }

    /// Forgets what this instance kept in memory of the replaced world: cached accounts,
    /// parked and waiting calls, poll deadlines, webhook workers.
    func worldWasRestored() async {
        forgetAllAccounts()
        hub.endAllParkedCalls(outcome: .worldRestored)
        // Push channels look again: their account may be gone, their queue renumbered.
        push.wakeAll()
        callbackQueries.endAllWaits()
        inlineQueries.endAllWaits()
        paymentQueries.shipping.endAllWaits()
        paymentQueries.preCheckout.endAllWaits()
        joinRequestQueries.endAllWaits()
        guestQueries.endAllWaits()
        webhookObserver.withLock { $0 }?.webhooksNeedRereading()
        pollDeadlines.forget()
        await closeDuePolls()
        if let earliest = try? await store.read({ try $0.earliestPollDeadline() }) { pollDeadlineScheduled(at: earliest) }
    }

    /// The saved snapshots.
    func savedSnapshots() async throws -> [SnapshotInfo] {
        guard let store = snapshottingStore else { throw Self.noSnapshots }
        return try await store.snapshots()
    }

    private static let noSnapshots = APIError.badRequest("this server's store can't take snapshots")
}

/// The `name` parameter of the snapshot methods.
enum SnapshotNameParameter {
    /// The checked name; 400 when it is missing or not 1-64 of `[A-Za-z0-9_-]`.
    static func read(_ parameters: Parameters) throws -> String {
        guard let name = parameters["name"], !name.isEmpty else { throw APIError.badRequest("parameter \"name\" is required") }
        guard SnapshotName.isValid(name) else {
            throw APIError.badRequest("name must be 1 to \(SnapshotName.maxLength) letters, digits, underscores and hyphens")
        }
        return name
    }
}

/// A snapshot as `listSnapshots` lists it: `{"name":…,"saved_at":…}`.
struct SnapshotView: JSONWritable {
    let info: SnapshotInfo

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("name", info.name)
        writer.member("saved_at", Int(info.savedAt))
        writer.endObject()
    }
}
