import BotAPI
import Foundation
import Storage

/// `getWebhookInfo`: the webhook's settings and state, fields present as the official
/// server shows them (behaviour.md §4.6).
enum GetWebhookInfo: APIMethod {
    static let name = "getWebhookInfo"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let botID = call.account.id
        let info = try await call.engine.store.read { tx -> WebhookInfo in
            let webhook = try tx.webhook(botID: botID)
            var info = WebhookInfo(
                url: webhook?.url ?? "", hasCustomCertificate: webhook?.certificate != nil,
                pendingUpdateCount: try tx.pendingUpdateCount(recipientID: botID))
            if let webhook {
                info.lastErrorDate = webhook.lastErrorDate.map { Int($0) }
                info.lastErrorMessage = webhook.lastErrorMessage
                info.maxConnections = webhook.maxConnections
                info.ipAddress = webhook.ipAddress ?? WebhookURL(webhook.url)?.ipLiteral ?? "<unknown>"
            }
            if let allowed = try tx.updateQueue(recipientID: botID)?.allowedUpdates {
                info.allowedUpdates = allowed.split(separator: ",").map(String.init)
            }
            return info
        }
        return MethodResult(info)
    }
}
