import BotAPI
import Foundation
import Storage

/// `deleteWebhook`: back to getUpdates. Unconfirmed updates stay queued for getUpdates
/// unless `drop_pending_updates` is set.
enum DeleteWebhook: APIMethod {
    static let name = "deleteWebhook"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: DeleteWebhookParameters = try call.decode()
        return try await delete(call, dropPendingUpdates: p.dropPendingUpdates ?? false)
    }

    static func delete(_ call: MethodCall, dropPendingUpdates: Bool) async throws -> MethodResult {
        let botID = call.account.id
        let existed = try await call.engine.write { tx -> Bool in
            if dropPendingUpdates { try tx.store.deleteAllUpdates(recipientID: botID) }
            guard try tx.store.webhook(botID: botID) != nil else { return false }
            try tx.store.deleteWebhook(botID: botID)
            tx.webhookDidChange(botID: botID, wakesPoll: false)
            return true
        }
        guard existed else { return MethodResult(true, description: "Webhook is already deleted") }
        return MethodResult(true, description: "Webhook was deleted")
    }
}
